import type { TStepFile } from "@/lib/audit/hardening/types";
import type { TCommandRecord } from "@/lib/audit/hardening/run-step";
import type { TActor } from "@/lib/domain/actor";
import type { THardeningStepDetail } from "@/lib/domain/hardening/get-hardening-step";
import { canMoveVia } from "@/lib/domain/hardening/transitions";
import type { TFormState } from "@/lib/server/action";
import { can } from "@/lib/server/permissions";
import { HardeningStatusBadge, hardeningStatusLabel, strategyLabel } from "./labels";
import { EditForm, RecordByHandForm, ReviewForm, RunButton } from "./step-forms";

type TBound = (id: string, state: TFormState, formData: FormData) => Promise<TFormState>;
export type TStepActions = { edit: TBound; approve: TBound; reject: TBound; recordApplied: TBound; recordRolledBack: TBound; execute: TBound; rollback: TBound };

const FILE_STATE: Record<TStepFile["state"], (f: TStepFile) => string> = {
  read: () => "content before:",
  absent: () => "did not exist (the step creates it)",
  unreadable: (f) => `could not be read before running (${f.readCommand}): see the step's history`,
  "not-read": (f) => `not read yet: Palisade reads it before running (${f.readCommand}); by hand, the step's backup keeps it`,
};

const time = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

// Commands and host output are text, never HTML: <pre> only.
function Lines({ label, lines, testId }: { label: string; lines: string[]; testId?: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <pre data-testid={testId} className="mt-1 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100">{lines.length ? lines.join("\n") : "(none)"}</pre>
    </div>
  );
}

function Records({ records }: { records: TCommandRecord[] }) {
  return (
    <ol className="mt-1 space-y-2">
      {records.map((r, i) => (
        <li key={i} className="rounded border border-slate-200 p-2">
          <p className="font-mono text-xs">
            <span className="text-slate-500">[{r.phase}]</span> $ {r.command} <span className={r.exitCode === 0 ? "text-emerald-700" : "text-red-700"}>→ exit {r.exitCode ?? r.interrupted ?? "none"}</span>
          </p>
          {r.stdout && <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all bg-slate-100 p-1 font-mono text-xs">{r.stdout}</pre>}
          {r.stderr && <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all bg-red-50 p-1 font-mono text-xs text-red-900">{r.stderr}</pre>}
          <p className="text-[10px] text-slate-400">sha256 {r.sha256}{r.redacted ? " · secrets redacted" : ""}</p>
        </li>
      ))}
    </ol>
  );
}

type TEventDetails = { records?: TCommandRecord[]; notRun?: string[]; diff?: Record<string, { before: unknown; after: unknown }>; output?: string };

function History({ step }: { step: THardeningStepDetail }) {
  return (
    <ol className="space-y-3" data-testid="hardening-history">
      {step.events.map((e) => {
        const d = (e.details ?? {}) as TEventDetails;
        return (
          <li key={String(e.id)} className="border-l-2 border-slate-200 pl-3 text-sm">
            <p className="text-xs text-slate-500">{time(e.at)} · {e.actor?.name ?? "Palisade"} · revision {e.revision}</p>
            <p>
              <strong>{e.kind.replace(/[-_]/g, " ")}</strong>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` · ${hardeningStatusLabel(e.fromStatus)} → ${hardeningStatusLabel(e.toStatus)}` : ""}
            </p>
            {e.comment && <p className="whitespace-pre-wrap text-slate-700">{e.comment}</p>}
            {d.diff && Object.entries(d.diff).map(([field, change]) => (
              <div key={field} className="mt-1 grid gap-1 md:grid-cols-2">
                <pre className="whitespace-pre-wrap break-all bg-red-50 p-1 font-mono text-xs">- {field}: {Array.isArray(change.before) ? change.before.join("\n") : String(change.before)}</pre>
                <pre className="whitespace-pre-wrap break-all bg-emerald-50 p-1 font-mono text-xs">+ {field}: {Array.isArray(change.after) ? change.after.join("\n") : String(change.after)}</pre>
              </div>
            ))}
            {d.records && d.records.length > 0 && <Records records={d.records} />}
            {d.notRun && d.notRun.length > 0 && <Lines label="Not run (after the failure)" lines={d.notRun} />}
            {d.output && <Lines label="Output recorded" lines={[d.output]} />}
          </li>
        );
      })}
    </ol>
  );
}

// One hardening step: what it does and why, the exact commands, the files
// before, how to check and undo it, who decided, and the forms the viewer may
// use. Forms are shown to whoever the decision concerns (including the person
// the rule excludes, who is told why); the domain enforces every rule.
export function StepView({ step, viewer, actions }: { step: THardeningStepDetail; viewer: TActor; actions: TStepActions }) {
  const bind = (a: TBound) => a.bind(null, step.id);
  const files = step.files as TStepFile[];
  const isProposer = step.proposedById === viewer.id;
  const isApprover = step.approvedById === viewer.id;
  const execution = step.engagement.hardeningExecution;
  const showReview = canMoveVia(step.status, "approve") && (can(viewer.role, "hardening.approve") || isProposer);
  const showApply = step.status === "APPROVED" && (can(viewer.role, "hardening.apply") || isApprover);
  const showRollback = canMoveVia(step.status, "rollback") && (can(viewer.role, "hardening.apply") || isApprover);
  const showEdit = canMoveVia(step.status, "edit") && can(viewer.role, "hardening.propose");
  return (
    <article id={`step-${step.id}`} data-testid="hardening-step" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{step.title}</h3>
        <HardeningStatusBadge status={step.status} />
        <span className="text-slate-600">{strategyLabel[step.strategy]} · revision {step.revision}{step.approvedRevision ? ` (approved: ${step.approvedRevision})` : ""}</span>
      </header>
      <p className="text-slate-600">
        Proposed by {step.proposedBy.name}
        {step.approvedBy && ` · approved by ${step.approvedBy.name}`}
        {step.appliedByUser && ` · applied by ${step.appliedByUser.name} (${step.appliedBy === "PALISADE" ? "run by Palisade" : "by hand"})`}
        {` · on ${step.host.label}`}
      </p>
      <div><p className="font-medium text-slate-700">Rationale</p><p className="whitespace-pre-wrap" data-testid="hardening-rationale">{step.rationale}</p></div>
      <Lines label="Commands (run in order; the first non-zero exit stops the rest)" lines={step.commands} testId="hardening-commands" />
      <div><p className="font-medium text-slate-700">Expected after</p><p className="whitespace-pre-wrap">{step.expectedAfter}</p></div>
      <Lines label="Verify (read-only)" lines={step.verifyCommands} />
      <Lines label="Rollback (restores the files and state before)" lines={step.rollbackCommands} testId="hardening-rollback" />
      <div>
        <p className="text-xs font-medium text-slate-600">Files it touches, as they were</p>
        {files.map((f) => (
          <div key={f.path} className="mt-1">
            <p className="text-xs"><code>{f.path}</code> <span className="text-slate-500">— {FILE_STATE[f.state](f)}</span></p>
            {f.state === "read" && <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs">{f.before}</pre>}
          </div>
        ))}
        {files.length === 0 && <p className="text-slate-500">No files: the change lives in the firewall's runtime state.</p>}
      </div>

      {showReview && (
        <section className="border-t border-slate-200 pt-3">
          <h4 className="mb-1 font-semibold">Review</h4>
          <p className="mb-2 text-slate-600">{isProposer ? "You proposed or edited this step: a different reviewer must approve it." : "A reviewer who did not propose or edit this revision approves or rejects it."}</p>
          <ReviewForm approve={bind(actions.approve)} reject={bind(actions.reject)} />
        </section>
      )}
      {showApply && (
        <section className="border-t border-slate-200 pt-3">
          <h4 className="mb-1 font-semibold">Apply</h4>
          <p className="mb-2 text-slate-600">{isApprover ? "You approved this step: someone else applies it." : execution ? "Palisade runs it over SSH, started by someone who neither proposed nor approved it; or run it yourself and record it." : "Recommend-only: run the commands on the host yourself, then record it here."}</p>
          <RecordByHandForm action={bind(actions.recordApplied)} submitLabel="Record as applied" />
          {execution && <div className="mt-3"><RunButton action={bind(actions.execute)} label="Run on the host with Palisade" /></div>}
        </section>
      )}
      {showRollback && (
        <section className="border-t border-slate-200 pt-3">
          <h4 className="mb-1 font-semibold">Roll back</h4>
          <p className="mb-2 text-slate-600">{isApprover ? "You approved this step: someone else rolls it back." : execution ? "Palisade runs the rollback commands over SSH, started by someone who neither proposed nor approved the step; or run them yourself and record it." : "Recommend-only: run the rollback commands on the host yourself, then record it here."}</p>
          {execution && <div className="mb-3"><RunButton action={bind(actions.rollback)} label="Run the rollback with Palisade" variant="danger" /></div>}
          <details>
            <summary className="cursor-pointer text-slate-700">Record a rollback you ran by hand</summary>
            <div className="mt-2"><RecordByHandForm action={bind(actions.recordRolledBack)} submitLabel="Record as rolled back" /></div>
          </details>
        </section>
      )}
      {showEdit && (
        <details className="border-t border-slate-200 pt-3">
          <summary className="cursor-pointer font-semibold">Edit this step{step.status === "APPROVED" ? " (it will need approving again)" : ""}</summary>
          <div className="mt-2"><EditForm action={bind(actions.edit)} step={step} /></div>
        </details>
      )}
      <section className="border-t border-slate-200 pt-3">
        <h4 className="mb-1 font-semibold">Audit trail</h4>
        <History step={step} />
      </section>
    </article>
  );
}
