"use client";

import { ActionForm, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

type TEngagementDefaults = { clientId?: string; name?: string; scope?: string; status?: string; startsOn?: string; endsOn?: string };

const statuses = ["PLANNED", "ACTIVE", "REPORTING", "CLOSED"].map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase() }));

export function EngagementForm({ action, clients, defaults = {}, submitLabel }: {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  clients: { id: string; name: string }[];
  defaults?: TEngagementDefaults;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action}>
      <SelectField name="clientId" label="Client" defaultValue={defaults.clientId} options={clients.map((c) => ({ value: c.id, label: c.name }))} />
      <TextField name="name" label="Name" defaultValue={defaults.name} required />
      <TextArea name="scope" label="Scope" defaultValue={defaults.scope} hint="What is in and out of scope, in plain words." />
      <SelectField name="status" label="Status" defaultValue={defaults.status ?? "PLANNED"} options={statuses} />
      <div className="grid grid-cols-2 gap-4">
        <TextField name="startsOn" label="Starts on" type="date" defaultValue={defaults.startsOn} />
        <TextField name="endsOn" label="Ends on" type="date" defaultValue={defaults.endsOn} />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
