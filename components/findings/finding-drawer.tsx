"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { ActionForm, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import { reproduceCommand } from "@/lib/audit/reproduce-command";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import type { TFormState } from "@/lib/server/action";
import { FindingStatusBadge, SeverityBadge, statusLabel } from "./labels";
import { AcceptanceFields, DuplicateOfField, OnSuccess, StatusButton } from "./status-fields";
import { formatTime, type TDetail, type TRow, type TViewer } from "./types";

type TAction = (state: TFormState, formData: FormData) => Promise<TFormState>;

// Host output is untrusted: it is only ever rendered as text, in <pre>.
function Raw({ label, text, testId }: { label: string; text: string; testId?: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <pre data-testid={testId} className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100">{text || "(empty)"}</pre>
    </div>
  );
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="border-t border-slate-200 pt-4">
      <h3 id={id} className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

// The label of a plain move (no extra fields) from where the finding is now.
function moveLabel(from: FindingStatus, to: FindingStatus, isRequester: boolean): string {
  if (to === "FALSE_POSITIVE") return "False positive";
  if (to === "ACCEPTED_RISK") return "Approve risk acceptance";
  if (from === "ACCEPTANCE_REQUESTED") return isRequester ? "Withdraw request" : "Reject acceptance";
  if (from === "ACCEPTED_RISK") return "Revoke acceptance";
  if (from === "FALSE_POSITIVE" || from === "DUPLICATE") return "Reconfirm";
  return "Confirm";
}

export function FindingDrawer({ findingId, engagementId, viewer, changeAction, commentAction, candidates, onClose }: {
  findingId: string;
  engagementId: string;
  viewer: TViewer;
  changeAction: TAction;
  commentAction: (findingId: string, state: TFormState, formData: FormData) => Promise<TFormState>;
  candidates: TRow[];
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<TDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    fetch(`/api/findings/${findingId}`, { cache: "no-store", signal: controller.signal })
      .then(async (res) => {
        const body = (await res.json()) as TDetail | { error: string };
        if (!res.ok || "error" in body) throw new Error("error" in body ? body.error : `HTTP ${res.status}`);
        setDetail(body);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "Could not load the finding");
      });
    return () => controller.abort();
  }, [findingId, version]);

  // Another finding: forget the last one's message.
  useEffect(() => setNotice(null), [findingId]);

  const changed = useCallback((message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
  }, []);

  const shown = detail?.finding.id === findingId ? detail : null;

  return (
    <aside role="dialog" aria-modal="false" aria-labelledby={titleId} className="fixed inset-y-0 right-0 z-20 w-full max-w-2xl overflow-y-auto border-l border-slate-200 bg-white p-6 shadow-2xl">
      <div className="mb-4 flex items-start justify-between gap-4">
        <h2 id={titleId} className="text-lg font-semibold">{shown ? shown.finding.title : "Finding"}</h2>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">Close</button>
      </div>
      {error && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{error}</p>}
      {!shown && !error && <p className="text-sm text-slate-500">Loading…</p>}
      {shown && <Detail detail={shown} engagementId={engagementId} viewer={viewer} changeAction={changeAction} commentAction={commentAction} candidates={candidates} notice={notice} onChanged={changed} />}
    </aside>
  );
}

function Detail({ detail, engagementId, viewer, changeAction, commentAction, candidates, notice, onChanged }: {
  detail: TDetail;
  engagementId: string;
  viewer: TViewer;
  changeAction: TAction;
  commentAction: (findingId: string, state: TFormState, formData: FormData) => Promise<TFormState>;
  candidates: TRow[];
  notice: string | null;
  onChanged: (message: string) => void;
}) {
  const { finding, evidence, nextStatuses } = detail;
  const dupId = useId();
  const isRequester = finding.acceptanceRequestedBy?.id === viewer.id;
  const plainMoves = nextStatuses.filter((s) => s === "CONFIRMED" || s === "FALSE_POSITIVE" || (s === "ACCEPTED_RISK" && viewer.canApprove && !isRequester));
  const hidden = <input type="hidden" name="findingIds" value={finding.id} />;
  // Forms are keyed by the finding's status so a change clears what was typed.
  const formKey = `${finding.id}-${finding.status}`;

  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap items-center gap-2" data-testid="drawer-status">
        <SeverityBadge severity={finding.severity} />
        <FindingStatusBadge status={finding.status} />
        <span className="text-slate-600">on <Link href={`/engagements/${engagementId}/hosts/${finding.host.id}`} className="text-sky-700 hover:underline">{finding.host.label}</Link></span>
        {finding.proto && finding.port != null && <code className="text-xs">{finding.proto}/{finding.port}</code>}
        <span className="text-slate-500">rule <code className="text-xs">{finding.ruleId}</code></span>
      </div>
      {notice && <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900">{notice}</p>}

      <dl className="grid grid-cols-1 gap-3">
        <div><dt className="font-medium text-slate-700">Why</dt><dd className="whitespace-pre-wrap text-slate-800">{finding.why}</dd></div>
        <div><dt className="font-medium text-slate-700">Why this severity</dt><dd className="whitespace-pre-wrap text-slate-800">{finding.severityReason}</dd></div>
        <div className="flex gap-6">
          <div><dt className="font-medium text-slate-700">Confidence</dt><dd>{finding.confidence}</dd></div>
          <div><dt className="font-medium text-slate-700">Seen</dt><dd>{finding.timesSeen}× · first {formatTime(finding.firstSeenAt)} · last {formatTime(finding.lastSeenAt)}</dd></div>
        </div>
        <div><dt className="font-medium text-slate-700">Finding id</dt><dd><code className="select-all text-xs">{finding.id}</code></dd></div>
        {finding.duplicateOfId && <div><dt className="font-medium text-slate-700">Duplicate of</dt><dd><code className="text-xs">{finding.duplicateOfId}</code></dd></div>}
      </dl>

      {finding.acceptanceJustification && (
        <Part title="Risk acceptance">
          <p className="whitespace-pre-wrap">{finding.acceptanceJustification}</p>
          <p className="mt-1 text-slate-600">
            Until {formatTime(finding.acceptanceExpiresAt)} · requested by {finding.acceptanceRequestedBy?.name ?? "a former user"}
            {finding.acceptanceApprovedBy ? ` · approved by ${finding.acceptanceApprovedBy.name}` : " · awaiting a second reviewer"}
          </p>
        </Part>
      )}

      <Part title="Hardening">
        <Link href={`/engagements/${engagementId}/findings/${finding.id}/hardening`} className="text-sky-700 hover:underline">
          {finding.status === "CONFIRMED" ? "Hardening steps: propose, review, apply" : "Hardening steps"}
        </Link>
      </Part>

      <Part title="Reproduce">
        <p className="text-xs text-slate-600">On the host:</p>
        <pre className="mt-1 whitespace-pre-wrap break-all rounded-md bg-slate-100 p-2 font-mono text-xs">{finding.reproduce}</pre>
        <p className="mt-2 text-xs text-slate-600">From your machine:</p>
        <pre data-testid="reproduce-ssh" className="mt-1 whitespace-pre-wrap break-all rounded-md bg-slate-100 p-2 font-mono text-xs">{reproduceCommand(finding.host, finding.reproduce)}</pre>
      </Part>

      <Part title={`Evidence (${evidence.length})`}>
        {evidence.length === 0 && <p className="text-slate-500">No stored output for this finding.</p>}
        <div className="space-y-4">
          {evidence.map((e) => (
            <div key={e.id} className="space-y-2" data-testid="evidence">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={`/engagements/${engagementId}/evidence/${e.id}`} className="font-medium text-sky-700 hover:underline">{e.key}</Link>
                <span className="text-xs text-slate-500">exit {e.exitCode ?? "none"} · {formatTime(e.startedAt)}</span>
                {e.redacted && <span className="text-xs text-amber-800">secrets redacted</span>}
                {e.truncated && <span className="text-xs text-amber-800">truncated</span>}
              </p>
              <pre className="whitespace-pre-wrap break-all font-mono text-xs text-slate-700">$ {e.command}</pre>
              <Raw label="stdout" text={e.stdout} testId="evidence-stdout" />
              {e.stderr && <Raw label="stderr" text={e.stderr} testId="evidence-stderr" />}
            </div>
          ))}
        </div>
      </Part>

      {nextStatuses.length > 0 && (
        <Part title="Decide">
          {finding.status === "ACCEPTANCE_REQUESTED" && isRequester && viewer.canApprove && (
            <p className="mb-2 text-slate-600">You requested this acceptance: a different reviewer must approve it.</p>
          )}
          {finding.status === "ACCEPTANCE_REQUESTED" && !viewer.canApprove && <p className="mb-2 text-slate-600">A reviewer other than the requester approves or rejects it.</p>}
          {plainMoves.length > 0 && (
            <ActionForm key={`moves-${formKey}`} action={changeAction} className="space-y-3">
              <OnSuccess run={onChanged} />
              {hidden}
              <TextField name="comment" label="Comment" hint="Required to mark a false positive, reject, withdraw, revoke or reconfirm." />
              <div className="flex flex-wrap gap-2">
                {plainMoves.map((to) => (
                  <StatusButton key={to} to={to} tone={to === "ACCEPTED_RISK" ? "primary" : "secondary"}>{moveLabel(finding.status, to, isRequester)}</StatusButton>
                ))}
              </div>
            </ActionForm>
          )}
        </Part>
      )}

      {nextStatuses.includes("ACCEPTANCE_REQUESTED") && (
        <Part title="Request risk acceptance">
          <ActionForm key={`accept-${formKey}`} action={changeAction} className="space-y-3">
            <OnSuccess run={onChanged} />
            {hidden}
            <input type="hidden" name="to" value="ACCEPTANCE_REQUESTED" />
            <AcceptanceFields />
            <TextField name="comment" label="Comment" />
            <SubmitButton>Request acceptance</SubmitButton>
          </ActionForm>
        </Part>
      )}

      {nextStatuses.includes("DUPLICATE") && (
        <Part title="Mark as duplicate">
          <ActionForm key={`dup-${formKey}`} action={changeAction} className="space-y-3">
            <OnSuccess run={onChanged} />
            {hidden}
            <input type="hidden" name="to" value="DUPLICATE" />
            <DuplicateOfField id={dupId} candidates={candidates} exclude={[finding.id]} />
            <TextField name="comment" label="Comment" />
            <SubmitButton variant="secondary">Mark duplicate</SubmitButton>
          </ActionForm>
        </Part>
      )}

      <Part title="History">
        <ol className="space-y-2" data-testid="history">
          {finding.events.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-xs text-slate-500">{formatTime(e.at)} · {e.actor?.name ?? (e.actorId ? "a former user" : "Palisade")}</p>
              <p>
                {e.kind === "comment" ? "commented" : e.toStatus ? <>{e.fromStatus ? `${statusLabel(e.fromStatus)} → ` : ""}<strong>{statusLabel(e.toStatus)}</strong></> : e.kind}
              </p>
              {e.comment && <p className="whitespace-pre-wrap text-slate-700">{e.comment}</p>}
            </li>
          ))}
          {finding.events.length === 0 && <li className="text-slate-500">No history yet.</li>}
        </ol>
        <ActionForm key={`comment-${finding.id}-${finding.events.length}`} action={commentAction.bind(null, finding.id)} className="mt-3 space-y-2">
          <OnSuccess run={onChanged} />
          <TextArea name="comment" label="Add a comment" rows={2} />
          <SubmitButton variant="secondary">Comment</SubmitButton>
        </ActionForm>
      </Part>
    </div>
  );
}
