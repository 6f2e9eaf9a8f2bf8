"use client";

import { ActionForm, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

export function ClientForm({ action, defaults = {}, submitLabel }: { action: (s: TFormState, f: FormData) => Promise<TFormState>; defaults?: { name?: string; contact?: string }; submitLabel: string }) {
  return (
    <ActionForm action={action} resetOnSuccess={!defaults.name}>
      <TextField name="name" label="Client name" defaultValue={defaults.name} required />
      <TextArea name="contact" label="Contact" defaultValue={defaults.contact} rows={2} hint="Who to talk to at the client." />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
