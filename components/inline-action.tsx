"use client";

import { ActionForm, SubmitButton } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

// A one-button form (archive, remove, restore) whose outcome shows beside it.
export function InlineAction({ action, label, fields = {}, variant = "secondary" }: {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  label: string;
  fields?: Record<string, string>;
  variant?: "primary" | "danger" | "secondary";
}) {
  return (
    <ActionForm action={action} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </ActionForm>
  );
}
