"use client";

import { createContext, useActionState, useContext, useId, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { TFormState } from "@/lib/server/action";

type TAction = (state: TFormState, formData: FormData) => Promise<TFormState>;

const FormStateContext = createContext<TFormState>({ ok: false });
// Field ids are unique per form: one page holds several forms with the same
// field names (a host's "label" and a credential's "label"), and duplicate ids
// tie each label and error message to the first such field on the page.
const FieldIdPrefixContext = createContext("");
const useFieldId = (name: string) => `${useContext(FieldIdPrefixContext)}${name}`;

export function ActionForm({ action, children, className, id, resetOnSuccess = false }: { action: TAction; children: ReactNode; className?: string; id?: string; resetOnSuccess?: boolean }) {
  const [state, formAction] = useActionState(action, { ok: false });
  // After a success the form shows its initial values again; after a failure
  // it keeps what the user typed (React resets uncontrolled inputs otherwise).
  const key = resetOnSuccess && state.ok ? `ok-${Math.random()}` : "form";
  const fieldIdPrefix = useId();
  return (
    <FieldIdPrefixContext.Provider value={fieldIdPrefix}>
      <FormStateContext.Provider value={state}>
        <form id={id} action={formAction} className={className ?? "space-y-4"} noValidate key={key}>
          <FormMessage />
          {children}
        </form>
      </FormStateContext.Provider>
    </FieldIdPrefixContext.Provider>
  );
}

// A field's errors include those of its parts: one bad tag is reported at
// "tags.1", and belongs under the Tags field.
function errorsFor(state: TFormState, name: string): string[] {
  return Object.entries(state.fieldErrors ?? {}).flatMap(([key, messages]) => (key === name || key.startsWith(`${name}.`) ? messages : []));
}

export function useFormState() {
  return useContext(FormStateContext);
}

export function FormMessage() {
  const state = useFormState();
  if (!state.message) return null;
  return (
    <div role={state.ok ? "status" : "alert"} className={`rounded-md border px-3 py-2 text-sm ${state.ok ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}>
      {state.message}
      {state.lineErrors && state.lineErrors.length > 0 && (
        <ul className="mt-2 list-disc pl-5 font-mono text-xs" aria-label="Lines with errors">
          {state.lineErrors.map((e) => (
            <li key={`${e.line}-${e.message}`}>
              Line {e.line}: <span className="break-all">{e.text || "(empty)"}</span> — {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FieldError({ name }: { name: string }) {
  const errors = errorsFor(useFormState(), name);
  const id = useFieldId(name);
  if (!errors.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}

type TFieldProps = { name: string; label: string; defaultValue?: string; hint?: string; required?: boolean };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600 aria-[invalid=true]:border-red-500";

function useFieldProps(name: string, defaultValue?: string) {
  const state = useFormState();
  const invalid = errorsFor(state, name).length > 0;
  const id = useFieldId(name);
  return {
    id,
    name,
    defaultValue: state.values?.[name] ?? defaultValue,
    "aria-invalid": invalid,
    "aria-describedby": invalid ? `${id}-error` : undefined,
    className: inputClass,
  };
}

// Label, control, hint and error, laid out the same for every kind of field.
function FieldShell({ id, name, label, hint, required, children }: { id: string; name: string; label: string; hint?: string; required?: boolean; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && <span className="text-red-700"> *</span>}
      </label>
      {children}
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError name={name} />
    </div>
  );
}

export function TextField({ name, label, defaultValue, hint, required, type = "text", autoComplete }: TFieldProps & { type?: string; autoComplete?: string }) {
  const props = useFieldProps(name, defaultValue);
  return (
    <FieldShell id={props.id} name={name} label={label} hint={hint} required={required}>
      <input {...props} type={type} autoComplete={autoComplete} defaultValue={type === "password" ? undefined : props.defaultValue} />
    </FieldShell>
  );
}

export function TextArea({ name, label, defaultValue, hint, required, rows = 4, mono }: TFieldProps & { rows?: number; mono?: boolean }) {
  const props = useFieldProps(name, defaultValue);
  return (
    <FieldShell id={props.id} name={name} label={label} hint={hint} required={required}>
      <textarea {...props} rows={rows} className={`${props.className} ${mono ? "font-mono text-xs" : ""}`} spellCheck={!mono} />
    </FieldShell>
  );
}

export function SelectField({ name, label, defaultValue, options, hint }: TFieldProps & { options: readonly { value: string; label: string }[] }) {
  const props = useFieldProps(name, defaultValue);
  return (
    <FieldShell id={props.id} name={name} label={label} hint={hint}>
      <select {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function SubmitButton({ children, variant = "primary" }: { children: ReactNode; variant?: "primary" | "danger" | "secondary" }) {
  const { pending } = useFormStatus();
  const colors = {
    primary: "bg-sky-700 text-white hover:bg-sky-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  }[variant];
  return (
    <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${colors}`}>
      {pending ? "Working…" : children}
    </button>
  );
}
