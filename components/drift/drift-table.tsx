import Link from "next/link";
import type { TDriftList } from "@/lib/domain/drift/list-drift-items";
import { InlineAction } from "@/components/inline-action";
import { Badge, type TTone } from "@/components/ui/badge";
import { acceptDriftItemAction, promoteDriftItemAction } from "@/app/(app)/engagements/verification-drift-actions";

const CHANGE_TONE: Record<string, TTone> = { NEW: "amber", GONE: "slate", CHANGED: "violet" };
const STATUS_TONE: Record<string, TTone> = { OPEN: "amber", ACCEPTED: "emerald", PROMOTED: "violet" };

// Drift items with their evidence (host output, shown as text only) and, for open ones, the
// two decisions: accept into the baseline (reviewer) or promote to a finding.
export function DriftTable({ list, engagementId, canAccept, canPromote, showHost = true }: { list: TDriftList; engagementId: string; canAccept: boolean; canPromote: boolean; showHost?: boolean }) {
  const evidence = new Map(list.evidence.map((e) => [`${e.hostRunId} ${e.key}`, e]));
  if (!list.items.length) return <p className="text-sm text-slate-600">No drift.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="drift-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">Change</th>
            <th className="py-2 pr-3">What</th>
            {showHost && <th className="py-2 pr-3">Host</th>}
            <th className="py-2 pr-3">Run</th>
            <th className="py-2 pr-3">Evidence</th>
            <th className="py-2 pr-3">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.items.map((i) => (
            <tr key={i.id} className="align-top">
              <td className="py-2 pr-3"><Badge tone={CHANGE_TONE[i.change]}>{i.change.toLowerCase()}</Badge> <span className="text-xs text-slate-500">{i.kind.toLowerCase().replace("_", " ")}</span></td>
              <td className="py-2 pr-3"><span className="break-all">{i.summary}</span></td>
              {showHost && <td className="py-2 pr-3"><Link href={`/engagements/${engagementId}/hosts/${i.host.id}`} className="text-sky-800 hover:underline">{i.host.label}</Link></td>}
              <td className="py-2 pr-3"><Link href={`/engagements/${engagementId}/runs/${i.hostRun.runId}`} className="text-sky-800 hover:underline">{i.hostRun.finishedAt?.toISOString().replace("T", " ").slice(0, 16) ?? "run"}</Link></td>
              <td className="py-2 pr-3">
                <span className="flex flex-wrap gap-1">
                  {i.evidenceKeys.map((k) => {
                    const e = evidence.get(`${i.hostRunId} ${k}`);
                    return e ? <Link key={k} href={`/engagements/${engagementId}/evidence/${e.id}`} title={e.command} className="rounded bg-slate-100 px-1 font-mono text-[11px] text-sky-800 hover:underline">{k}</Link> : <code key={k} className="text-[11px] text-slate-400">{k}</code>;
                  })}
                </span>
              </td>
              <td className="py-2 pr-3">
                <Badge tone={STATUS_TONE[i.status]}>{i.status.toLowerCase()}</Badge>
                {i.decidedBy && <span className="ml-1 text-xs text-slate-500">by {i.decidedBy.name}</span>}
                {i.findingId && <Link href={`/engagements/${engagementId}/findings?open=${i.findingId}`} className="ml-1 text-xs text-sky-700 hover:underline">finding</Link>}
                {i.status === "OPEN" && (
                  <span className="mt-1 flex flex-wrap gap-2">
                    {canAccept && <InlineAction action={acceptDriftItemAction.bind(null, i.id)} label="Accept into baseline" />}
                    {canPromote && <InlineAction action={promoteDriftItemAction.bind(null, i.id)} label="Promote to finding" />}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
