"use client";

import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

// The secret is generated on the server unless one is typed here; either way
// it is shown once, in the confirmation, and never again.
export function WebhookForm({ action }: { action: (state: TFormState, formData: FormData) => Promise<TFormState> }) {
  return (
    <ActionForm action={action} resetOnSuccess>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <TextField name="url" label="URL" required hint="http:// or https://, without a user name or password in it." />
        </div>
        <SelectField name="format" label="Format" defaultValue="GENERIC" options={[{ value: "GENERIC", label: "Generic JSON" }, { value: "SLACK", label: "Slack-compatible" }]} />
      </div>
      <TextField name="secret" label="Signing secret (optional)" type="password" autoComplete="off" hint="Leave empty to have a strong one generated. Requests carry X-Palisade-Signature: sha256=HMAC-SHA256(body, secret)." />
      <SubmitButton>Add webhook</SubmitButton>
    </ActionForm>
  );
}

export function ScheduleForm({ action, cron, timeZone }: { action: (state: TFormState, formData: FormData) => Promise<TFormState>; cron?: string; timeZone?: string }) {
  return (
    <ActionForm action={action}>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="cron" label="Cron expression" required defaultValue={cron ?? "0 3 * * 1-5"} hint="Five fields: minute hour day-of-month month day-of-week. 0 3 * * 1-5 is 03:00 on weekdays." />
        <TextField name="timeZone" label="Time zone" required defaultValue={timeZone ?? "UTC"} hint="An IANA name such as Europe/Berlin or America/New_York." />
      </div>
      <SubmitButton>{cron ? "Update schedule" : "Set schedule"}</SubmitButton>
    </ActionForm>
  );
}
