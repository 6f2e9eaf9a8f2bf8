"use client";

import { ActionForm } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";
import { useFormStatus } from "react-dom";

function Buttons() {
  const { pending } = useFormStatus();
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" name="scope" value="all" disabled={pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? "Starting…" : "Audit all hosts"}
      </button>
      <button type="submit" name="scope" value="selected" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        Audit selected hosts
      </button>
    </div>
  );
}

// Host checkboxes in the hosts table belong to this form through their
// `form` attribute, so selection works without wrapping the table.
export function StartRunForm({ action, formId }: { action: (s: TFormState, f: FormData) => Promise<TFormState>; formId: string }) {
  return (
    <ActionForm action={action} id={formId}>
      <Buttons />
    </ActionForm>
  );
}
