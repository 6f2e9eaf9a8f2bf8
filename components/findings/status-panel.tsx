"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { refusal, transitionFor } from "@/lib/domain/findings/transitions";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import type { TFormState } from "@/lib/server/action";
import { statusLabel } from "./labels";
import { AcceptanceFields, DuplicateOfField, OnSuccess } from "./status-fields";
import type { TRow } from "./types";

type TAction = (state: TFormState, formData: FormData) => Promise<TFormState>;

// The moves offered in bulk; approving a risk acceptance only to those who may.
const BULK_TARGETS: FindingStatus[] = ["CONFIRMED", "FALSE_POSITIVE", "ACCEPTANCE_REQUESTED", "DUPLICATE", "ACCEPTED_RISK"];

// Changes the status of the targeted findings (the selection, or the
// highlighted row) with one comment. The domain decides, all or nothing; this
// only warns beforehand which of them the table would refuse.
export function StatusPanel({ action, targets, initialTo, canApprove, candidates, onDone, onCancel }: {
  action: TAction;
  targets: TRow[];
  initialTo: FindingStatus;
  canApprove: boolean;
  candidates: TRow[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [to, setTo] = useState<FindingStatus>(initialTo);
  useEffect(() => setTo(initialTo), [initialTo]);
  const id = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // The comment is where the keyboard goes next: type, Enter, done.
  useEffect(() => {
    panelRef.current?.querySelector<HTMLInputElement>("input[name=comment]")?.focus();
  }, [to]);
  const refused = targets.filter((t) => !transitionFor(t.status, to, "person"));
  const n = targets.length;

  return (
    <div ref={panelRef} role="region" aria-label="Change status" className="sticky bottom-0 z-10 rounded-xl border border-sky-300 bg-white p-4 shadow-lg">
      <ActionForm action={action} className="space-y-3">
        <OnSuccess run={onDone} />
        {targets.map((t) => (
          <input key={t.id} type="hidden" name="findingIds" value={t.id} />
        ))}
        <div className="flex flex-wrap items-end gap-3">
          <p className="text-sm font-medium text-slate-800">
            {n} finding{n === 1 ? "" : "s"}
            {n === 1 && <span className="font-normal text-slate-600"> ({targets[0]!.title} on {targets[0]!.hostLabel})</span>}
          </p>
          <div>
            <label htmlFor={`${id}-to`} className="block text-sm font-medium text-slate-800">New status</label>
            <select id={`${id}-to`} name="to" value={to} onChange={(e) => setTo(e.target.value as FindingStatus)} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm">
              {BULK_TARGETS.filter((s) => s !== "ACCEPTED_RISK" || canApprove).map((s) => (
                <option key={s} value={s}>{s === "ACCEPTED_RISK" ? "accepted risk (approve)" : s === "ACCEPTANCE_REQUESTED" ? "request risk acceptance" : statusLabel(s)}</option>
              ))}
            </select>
          </div>
          <div className="min-w-[16rem] flex-1">
            <TextField name="comment" label="Comment" hint={n > 1 ? "One comment, recorded on each of them." : undefined} />
          </div>
        </div>
        {to === "ACCEPTANCE_REQUESTED" && <AcceptanceFields />}
        {to === "DUPLICATE" && <DuplicateOfField id={`${id}-dup`} candidates={candidates} exclude={targets.map((t) => t.id)} />}
        {refused.length > 0 && (
          <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {refused.length === n ? "This move is not allowed" : `${refused.length} of these cannot make this move, so the whole change will be refused`}:{" "}
            {[...new Set(refused.map((t) => refusal(t.status, to)))].join("; ")}.
          </div>
        )}
        <div className="flex gap-2">
          <SubmitButton>{`Apply to ${n} finding${n === 1 ? "" : "s"}`}</SubmitButton>
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50">
            Cancel
          </button>
        </div>
      </ActionForm>
    </div>
  );
}
