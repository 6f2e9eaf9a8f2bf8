"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { RunStatusBadge } from "@/components/ui/badge";

type THostRow = {
  id: string;
  status: string;
  attempts: number;
  durationMs: number | null;
  startedAt: string | Date | null;
  failureReason: string | null;
  error: string | null;
  firstContact: boolean;
  presentedFingerprint: string | null;
  host: { id: string; label: string; address: string; port: number; simulated: boolean };
};
export type TRunSnapshot = { id: string; status: string; engagement: { id: string }; hostRuns: THostRow[] };

const ACTIVE_RUN = new Set(["QUEUED", "RUNNING"]);
const DONE_HOST = new Set(["DONE", "FAILED", "CANCELLED"]);

// Polls the run once a second while it is running; stops when it has ended.
export function RunProgress({ initial, whileRunning }: { initial: TRunSnapshot; whileRunning?: React.ReactNode }) {
  const [run, setRun] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!ACTIVE_RUN.has(run.status) && run.hostRuns.every((h) => DONE_HOST.has(h.status))) return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/runs/${run.id}`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        setRun(await res.json());
        setStale(false);
      } catch {
        setStale(true);
        setRun((r) => ({ ...r }));
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [run]);

  const total = run.hostRuns.length;
  const finished = run.hostRuns.filter((h) => DONE_HOST.has(h.status)).length;
  const failed = run.hostRuns.filter((h) => h.status === "FAILED").length;
  const percent = total ? Math.round((finished / total) * 100) : 0;

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <span data-testid="run-status"><RunStatusBadge status={run.status} /></span>
        <span className="text-sm text-slate-700" data-testid="run-counts">
          {finished} of {total} hosts finished{failed ? `, ${failed} failed` : ""}
        </span>
        {stale && <span className="text-xs text-amber-700">connection lost, retrying…</span>}
        {ACTIVE_RUN.has(run.status) && whileRunning && <div className="ml-auto">{whileRunning}</div>}
      </div>
      <div className="h-3 w-full overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="Run progress">
        <div className={`h-full transition-all ${failed ? "bg-amber-500" : "bg-sky-600"}`} style={{ width: `${percent}%` }} />
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              {["Host", "Target", "Status", "Duration", "Details"].map((h) => (
                <th key={h} className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {run.hostRuns.map((h) => (
              <tr key={h.id} data-testid="host-run-row">
                <td className="px-3 py-2">
                  <Link href={`/engagements/${run.engagement.id}/hosts/${h.host.id}`} className="text-sky-800 hover:underline">{h.host.label}</Link>
                  {h.host.simulated && <span className="ml-1 text-xs text-violet-700">(simulated)</span>}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{h.host.address}:{h.host.port}</td>
                <td className="px-3 py-2"><RunStatusBadge status={h.status} />{h.attempts > 1 && <span className="ml-1 text-xs text-slate-500">attempt {h.attempts}</span>}</td>
                <td className="px-3 py-2 tabular-nums">{h.durationMs != null ? `${(h.durationMs / 1000).toFixed(1)} s` : ""}</td>
                <td className="px-3 py-2 text-xs">
                  {h.error && <span className="text-red-800">{h.failureReason ? `${h.failureReason}: ` : ""}{h.error}</span>}
                  {h.firstContact && <span className="text-amber-800">First contact: pinned {h.presentedFingerprint} — approve it on the host page.</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
