"use client";

import { ActionForm, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { TFormState } from "@/lib/server/action";

type TAction = (state: TFormState, formData: FormData) => Promise<TFormState>;
type TCredentialOption = { id: string; label: string };

const exposures = [
  { value: "INTERNAL", label: "Internal network" },
  { value: "INTERNET", label: "Internet-facing" },
];

const credentialOptions = (credentials: TCredentialOption[]) => [{ value: "", label: "— none —" }, ...credentials.map((c) => ({ value: c.id, label: c.label }))];

export type THostDefaults = { label?: string; address?: string; port?: string; username?: string; exposure?: string; tags?: string; credentialId?: string };

export function HostForm({ action, credentials, defaults = {}, submitLabel }: { action: TAction; credentials: TCredentialOption[]; defaults?: THostDefaults; submitLabel: string }) {
  return (
    <ActionForm action={action} resetOnSuccess={!defaults.address}>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="address" label="Address" defaultValue={defaults.address} hint="Host name, IPv4 or IPv6" required />
        <TextField name="label" label="Label" defaultValue={defaults.label} hint="Defaults to the address" />
        <TextField name="port" label="SSH port" defaultValue={defaults.port ?? "22"} />
        <TextField name="username" label="SSH user" defaultValue={defaults.username ?? "root"} />
        <SelectField name="exposure" label="Exposure" defaultValue={defaults.exposure ?? "INTERNAL"} options={exposures} />
        <SelectField name="credentialId" label="Credential" defaultValue={defaults.credentialId ?? ""} options={credentialOptions(credentials)} />
      </div>
      <TextField name="tags" label="Tags" defaultValue={defaults.tags} hint="Comma-separated, e.g. web, prod" />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}

export function HostImportForm({ action, credentials }: { action: TAction; credentials: TCredentialOption[] }) {
  return (
    <ActionForm action={action} resetOnSuccess>
      <TextArea
        name="text"
        label="Hosts, one per line"
        rows={8}
        mono
        hint="[user@]address[:port] [label] — e.g. root@10.0.0.5:22, db01.example.com, admin@[2001:db8::1]:2222. Nothing is saved unless every line is valid."
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField name="exposure" label="Exposure for all" defaultValue="INTERNAL" options={exposures} />
        <SelectField name="credentialId" label="Credential for all" defaultValue="" options={credentialOptions(credentials)} />
      </div>
      <SubmitButton>Import hosts</SubmitButton>
    </ActionForm>
  );
}
