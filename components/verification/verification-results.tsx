import Link from "next/link";
import type { TStepDiff } from "@/lib/audit/drift/step-diff";
import type { TDriftEntry } from "@/lib/audit/drift/diff";
import type { TVerificationResults } from "@/lib/domain/hardening/get-verification-results";
import { statusLabel } from "@/components/findings/labels";
import { hardeningStatusLabel } from "@/components/hardening/labels";
import { Badge, type TTone } from "@/components/ui/badge";
import { Section } from "@/components/ui/page-header";

type TDetails = { hostRunId?: string; beforeHostRunId?: string | null; diff?: TStepDiff | null; inventoryDiff?: TDriftEntry[] | null; verifyCommands?: { key: string; command: string; exitCode: number | null }[] };
const KIND_TONE: Record<string, TTone> = { verified: "emerald", failed: "red", "rollback-verified": "slate" };

function Commands({ title, commands }: { title: string; commands: string[] }) {
  return (
    <div>
      <p className="text-xs font-medium uppercase text-slate-500">{title}</p>
      <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{commands.join("\n") || "—"}</pre>
    </div>
  );
}

// Per step of a verification run: what the run concluded, the before/after of the finding's
// socket with the evidence of both sides, next to the commands that were run, the step's own
// verify commands with their exit codes, and its rollback. Host output is text, never HTML.
export function VerificationResults({ results, engagementId }: { results: TVerificationResults; engagementId: string }) {
  const evidence = new Map(results.evidence.map((e) => [`${e.hostRunId} ${e.key}`, e]));
  const links = (hostRunId: string | null | undefined, keys: string[]) => (
    <span className="flex flex-wrap gap-1">
      {keys.map((k) => {
        const e = hostRunId ? evidence.get(`${hostRunId} ${k}`) : undefined;
        return e ? <Link key={k} href={`/engagements/${engagementId}/evidence/${e.id}`} title={e.command} className="rounded bg-slate-100 px-1 font-mono text-[11px] text-sky-800 hover:underline">{k}</Link> : <code key={k} className="text-[11px] text-slate-400">{k}</code>;
      })}
    </span>
  );
  return (
    <Section title="Hardening steps judged by this run" id="verification">
      {results.events.length === 0 && <p className="text-sm text-slate-600">No step has been judged yet: results appear as each host finishes.</p>}
      <div className="space-y-6">
        {results.events.map((ev) => {
          const d = ev.details as TDetails;
          const s = ev.step;
          return (
            <article key={String(ev.id)} className="rounded-md border border-slate-200 p-4" data-testid="verification-step">
              <header className="flex flex-wrap items-center gap-2">
                <Badge tone={KIND_TONE[ev.kind]}>{ev.kind === "rollback-verified" ? "after rollback" : ev.kind}</Badge>
                <span className="font-medium">{s.title}</span>
                <span className="text-sm text-slate-600">on {s.host.label} · step {hardeningStatusLabel(s.status)} · finding <Link href={`/engagements/${engagementId}/findings?open=${s.finding.id}`} className="text-sky-700 hover:underline">{statusLabel(s.finding.status)}</Link></span>
              </header>
              <p className="mt-2 text-sm" data-testid="step-diff-text">{ev.comment}</p>
              {d.diff && (
                <table className="mt-3 min-w-full text-sm">
                  <thead className="text-left text-xs uppercase text-slate-500"><tr><th className="pr-3">Side</th><th className="pr-3">Sockets on {d.diff.target.proto}/{d.diff.target.port}</th><th className="pr-3">Evidence</th></tr></thead>
                  <tbody className="divide-y divide-slate-100">
                    <tr><td className="py-1 pr-3">before (ss)</td><td className="pr-3 font-mono text-xs">{d.diff.before.sockets.map((x) => `${x.address}:${x.port}`).join(", ") || "none"}</td><td>{links(d.diff.before.hostRunId, d.diff.before.evidenceKeys)}</td></tr>
                    <tr><td className="py-1 pr-3">after (ss)</td><td className="pr-3 font-mono text-xs">{d.diff.after.ss.map((x) => `${x.address}:${x.port}`).join(", ") || "none"}</td><td rowSpan={2}>{links(d.diff.after.hostRunId, d.diff.after.evidenceKeys)}</td></tr>
                    <tr><td className="py-1 pr-3">after (/proc/net)</td><td className="pr-3 font-mono text-xs">{d.diff.after.procNet.map((x) => `${x.address}:${x.port}`).join(", ") || "none"}</td></tr>
                  </tbody>
                </table>
              )}
              {d.diff?.after.firewall && <p className="mt-2 text-xs text-slate-600">Firewall: {d.diff.after.firewall}</p>}
              {d.diff?.after.outside && <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="outside-check">Connection attempt {d.diff.after.outside.text} {links(d.diff.after.hostRunId, [d.diff.after.outside.evidenceKey])}</p>}
              {d.diff?.disagreement && <p className="mt-2 text-xs text-amber-800">{d.diff.disagreement}</p>}
              {d.inventoryDiff && (
                <div className="mt-3 text-sm">
                  <p className="text-xs font-medium uppercase text-slate-500">Inventory against the run before the step</p>
                  {d.inventoryDiff.length === 0 ? <p>No differences.</p> : (
                    <ul className="list-disc pl-5">{d.inventoryDiff.map((x) => <li key={`${x.kind} ${x.key} ${x.change}`}><Badge>{x.change.toLowerCase()}</Badge> {x.summary}{x.changes.length ? `: ${x.changes.join("; ")}` : ""}</li>)}</ul>
                  )}
                </div>
              )}
              <div className="mt-3 grid grid-cols-1 gap-3 lg:grid-cols-3">
                <Commands title="Commands (as applied)" commands={s.commands} />
                <div>
                  <p className="text-xs font-medium uppercase text-slate-500">Verify commands run</p>
                  <ul className="mt-1 space-y-1 text-xs">
                    {(d.verifyCommands ?? []).map((c) => <li key={c.key} className="flex flex-wrap items-center gap-2">{links(d.hostRunId, [c.key])}<code className="break-all">{c.command}</code><span className="text-slate-500">exit {c.exitCode ?? "none"}</span></li>)}
                    {(d.verifyCommands ?? []).length === 0 && <li className="text-slate-500">—</li>}
                  </ul>
                </div>
                <Commands title="Rollback" commands={s.rollbackCommands} />
              </div>
            </article>
          );
        })}
      </div>
    </Section>
  );
}
