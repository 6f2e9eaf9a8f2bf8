"use client";

import { ActionForm, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

type TAction = (state: TFormState, formData: FormData) => Promise<TFormState>;

export function ProposeForm({ action }: { action: TAction }) {
  return (
    <ActionForm action={action} className="space-y-2">
      <SubmitButton>Propose hardening step</SubmitButton>
    </ActionForm>
  );
}

export function ReviewForm({ approve, reject }: { approve: TAction; reject: TAction }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ActionForm action={approve} className="space-y-2">
        <TextField name="comment" label="Approval note (optional)" />
        <SubmitButton>Approve step</SubmitButton>
      </ActionForm>
      <ActionForm action={reject} className="space-y-2">
        <TextField name="comment" label="Why reject (required)" />
        <SubmitButton variant="danger">Reject step</SubmitButton>
      </ActionForm>
    </div>
  );
}

// A person ran the commands (or the rollback) by hand and records it.
export function RecordByHandForm({ action, submitLabel }: { action: TAction; submitLabel: string }) {
  return (
    <ActionForm action={action} className="space-y-2">
      <TextField name="comment" label="What you did (optional)" />
      <TextArea name="output" label="Output you saw (optional)" rows={3} mono />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}

export function RunButton({ action, label, variant = "primary" }: { action: TAction; label: string; variant?: "primary" | "danger" }) {
  return (
    <ActionForm action={action} className="space-y-2">
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </ActionForm>
  );
}

export function ExecutionToggle({ action, enabled }: { action: TAction; enabled: boolean }) {
  return (
    <ActionForm action={action} className="space-y-2">
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <SubmitButton variant={enabled ? "danger" : "secondary"}>{enabled ? "Turn execution off (recommend-only)" : "Let Palisade run approved steps"}</SubmitButton>
    </ActionForm>
  );
}

export function EditForm({ action, step }: { action: TAction; step: { title: string; rationale: string; commands: string[]; expectedAfter: string; verifyCommands: string[]; rollbackCommands: string[] } }) {
  return (
    <ActionForm action={action} className="space-y-3">
      <TextField name="title" label="Title" defaultValue={step.title} />
      <TextArea name="rationale" label="Rationale" defaultValue={step.rationale} rows={4} />
      <TextArea name="commands" label="Commands (one a line, run in order)" defaultValue={step.commands.join("\n")} rows={8} mono />
      <TextArea name="expectedAfter" label="Expected after" defaultValue={step.expectedAfter} rows={2} />
      <TextArea name="verifyCommands" label="Verify commands (read-only)" defaultValue={step.verifyCommands.join("\n")} rows={3} mono />
      <TextArea name="rollbackCommands" label="Rollback commands" defaultValue={step.rollbackCommands.join("\n")} rows={4} mono />
      <TextField name="comment" label="Why you changed it" />
      <SubmitButton variant="secondary">Save new revision</SubmitButton>
    </ActionForm>
  );
}
