"use client";

import { useState } from "react";
import { ActionForm, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

// The secret goes to the server once; afterwards only the label and the
// key's fingerprint are ever shown.
export function CredentialForm({ action }: { action: (state: TFormState, formData: FormData) => Promise<TFormState> }) {
  const [kind, setKind] = useState<"PRIVATE_KEY" | "PASSWORD">("PRIVATE_KEY");
  return (
    <ActionForm action={action} resetOnSuccess>
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Kind</legend>
        {(["PRIVATE_KEY", "PASSWORD"] as const).map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === "PRIVATE_KEY" ? "SSH private key" : "Password"}
          </label>
        ))}
      </fieldset>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="label" label="Label" required />
        <TextField name="username" label="SSH user" defaultValue="root" />
      </div>
      {kind === "PRIVATE_KEY" ? (
        <>
          <TextArea name="privateKey" label="Private key" rows={6} mono hint="OpenSSH or PEM. Stored encrypted; never shown again." />
          <TextField name="passphrase" label="Passphrase (if the key has one)" type="password" autoComplete="off" />
        </>
      ) : (
        <TextField name="password" label="Password" type="password" autoComplete="off" />
      )}
      <SubmitButton>Store credential</SubmitButton>
    </ActionForm>
  );
}
