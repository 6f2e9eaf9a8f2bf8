"use client";

import { ActionForm, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";
import { REPORT_CLASSIFICATIONS } from "@/lib/validation/report-schemas";

const classifications = REPORT_CLASSIFICATIONS.map((c) => ({ value: c, label: c }));

// New draft or edit of a draft: title, classification marking, the consultant's summary.
export function ReportDraftForm({ action, defaults, submitLabel }: {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  defaults?: { title: string; classification: string; summary: string };
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} resetOnSuccess={!defaults}>
      <TextField name="title" label="Title" defaultValue={defaults?.title} required hint="Shown on the cover, e.g. “External perimeter assessment”." />
      <SelectField name="classification" label="Classification marking" defaultValue={defaults?.classification ?? "CONFIDENTIAL"} options={classifications} hint="Printed on the cover and every page header." />
      <TextArea name="summary" label="Summary (optional)" defaultValue={defaults?.summary} rows={4} hint="Your own words for the executive summary, in plain language." />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
