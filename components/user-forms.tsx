"use client";

import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

export const roleOptions = ["ADMIN", "CONSULTANT", "REVIEWER", "CLIENT"].map((r) => ({ value: r, label: r.charAt(0) + r.slice(1).toLowerCase() }));

export function CreateUserForm({ action }: { action: TAction }) {
  return (
    <ActionForm action={action} resetOnSuccess>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" required />
        <TextField name="email" label="Email" type="email" required />
        <SelectField name="role" label="Role" defaultValue="CONSULTANT" options={roleOptions} />
        <TextField name="password" label="Initial password" type="password" autoComplete="new-password" hint="At least 12 characters." required />
      </div>
      <SubmitButton>Create user</SubmitButton>
    </ActionForm>
  );
}

export function RoleForm({ action, role }: { action: TAction; role: string }) {
  return (
    <ActionForm action={action} className="flex items-end gap-2">
      <SelectField name="role" label="Role" defaultValue={role} options={roleOptions} />
      <SubmitButton variant="secondary">Change</SubmitButton>
    </ActionForm>
  );
}
