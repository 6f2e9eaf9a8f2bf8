"use client";

import { useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { TextArea, TextField, useFormState } from "@/components/ui/form";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import type { TRow } from "./types";

// Pieces shared by the drawer's forms and the bulk bar.

// Calls back once per successful submission of the surrounding ActionForm.
export function OnSuccess({ run }: { run: (message: string) => void }) {
  const state = useFormState();
  const ran = useRef<unknown>(null);
  useEffect(() => {
    if (state.ok && ran.current !== state) {
      ran.current = state;
      run(state.message ?? "Saved.");
    }
  }, [state, run]);
  return null;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

// Justification and expiry of a risk acceptance (at most a year, as the domain enforces).
export function AcceptanceFields() {
  const now = Date.now();
  return (
    <>
      <TextArea name="justification" label="Justification" required rows={3} hint="Why the risk is acceptable for now: the compensating control, who owns it." />
      <div className="max-w-xs">
        <TextField name="expiresAt" label="Expires on" type="date" required defaultValue={ymd(new Date(now + 90 * 86_400_000))} hint={`The finding becomes active again at the end of that day (UTC); at most a year, until ${ymd(new Date(now + 365 * 86_400_000))}.`} />
      </div>
    </>
  );
}

// Which finding a duplicate repeats: one of the listed findings, or any id of this engagement.
export function DuplicateOfField({ candidates, exclude, id }: { candidates: TRow[]; exclude: string[]; id: string }) {
  const state = useFormState();
  const errors = state.fieldErrors?.duplicateOfId;
  const options = candidates.filter((c) => !exclude.includes(c.id));
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Duplicate of<span className="text-red-700"> *</span>
      </label>
      <input
        id={id}
        name="duplicateOfId"
        list={`${id}-list`}
        defaultValue={state.values?.duplicateOfId ?? ""}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        autoComplete="off"
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600 aria-[invalid=true]:border-red-500"
      />
      <datalist id={`${id}-list`}>
        {options.map((c) => (
          <option key={c.id} value={c.id}>{`${c.title} on ${c.hostLabel}`}</option>
        ))}
      </datalist>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">The id of the finding it repeats (pick one from this page or paste one from its details).</p>
      {errors?.length ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{errors.join(" ")}</p> : null}
    </div>
  );
}

// A submit button that sends which status it stands for.
export function StatusButton({ to, children, tone = "secondary" }: { to: FindingStatus; children: React.ReactNode; tone?: "primary" | "danger" | "secondary" }) {
  const { pending } = useFormStatus();
  const colors = {
    primary: "bg-sky-700 text-white hover:bg-sky-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  }[tone];
  return (
    <button type="submit" name="to" value={to} disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:opacity-60 ${colors}`}>
      {children}
    </button>
  );
}
