"use client";

import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

export function MemberForm({ action }: { action: (state: TFormState, formData: FormData) => Promise<TFormState> }) {
  return (
    <ActionForm action={action} resetOnSuccess className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <TextField name="email" label="Add a member by email" type="email" />
      </div>
      <SubmitButton>Add member</SubmitButton>
    </ActionForm>
  );
}
