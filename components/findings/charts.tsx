import Link from "next/link";
import type { findingStats } from "@/lib/domain/findings/finding-stats";
import type { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { OPEN_STATUSES, SEVERITIES, STATUSES, severityFill, severityLabel, statusFill, statusLabel } from "./labels";

// The engagement's findings at a glance: hand-made bars (CSS) and one SVG
// chart, each with its numbers in text so nothing depends on reading colours.

export type TFindingStats = Awaited<ReturnType<typeof findingStats>>;

const fmt = (n: number) => n.toLocaleString("en");

function duration(hours: number | null): string {
  if (hours == null) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

function Legend<K extends string>({ keys, fill, label }: { keys: readonly K[]; fill: Record<K, string>; label: (k: K) => string }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" aria-hidden="true">
      {keys.map((k) => (
        <li key={k} className="flex items-center gap-1">
          <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: fill[k] }} />
          {label(k)}
        </li>
      ))}
    </ul>
  );
}

// One horizontal bar split into parts, scaled against `max`.
function StackedBar<K extends string>({ parts, max, fill, label }: { parts: [K, number][]; max: number; fill: Record<K, string>; label: (k: K) => string }) {
  const total = parts.reduce((s, [, n]) => s + n, 0);
  return (
    <div className="flex h-3 w-full overflow-hidden rounded bg-slate-100" role="img" aria-label={parts.filter(([, n]) => n).map(([k, n]) => `${fmt(n)} ${label(k)}`).join(", ") || "none"}>
      {parts.map(([k, n]) => (n ? <div key={k} title={`${fmt(n)} ${label(k)}`} style={{ width: `${(n / Math.max(max, 1)) * 100}%`, background: fill[k] }} /> : null))}
      {total === 0 && <span className="sr-only">none</span>}
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 p-4">
      <h3 className="mb-3 text-sm font-semibold text-slate-800">{title}</h3>
      {children}
    </div>
  );
}

export function Kpis({ stats }: { stats: TFindingStats }) {
  const total = stats.bySeverityStatus.reduce((s, g) => s + g.count, 0);
  const open = stats.bySeverityStatus.filter((g) => OPEN_STATUSES.includes(g.status)).reduce((s, g) => s + g.count, 0);
  const rules = stats.falsePositiveRateByRule;
  const triaged = rules.reduce((s, r) => s + r.triaged, 0);
  const fp = rules.reduce((s, r) => s + r.rate * r.triaged, 0);
  const items: [string, string, string][] = [
    ["Open findings", fmt(open), `of ${fmt(total)} in all`],
    ["Mean time to triage", duration(stats.meanTriageHours), "first seen to first decision"],
    ["Mean time to resolve", duration(stats.meanResolveHours), "first seen to no longer seen"],
    ["False positives", triaged ? `${Math.round((fp / triaged) * 100)} %` : "—", `of ${fmt(triaged)} triaged`],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="finding-kpis">
      {items.map(([label, value, hint]) => (
        <div key={label} className="rounded-lg border border-slate-200 p-3">
          <dt className="text-xs font-medium text-slate-600">{label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
          <dd className="text-xs text-slate-500">{hint}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SeverityStatusChart({ stats, engagementId }: { stats: TFindingStats; engagementId: string }) {
  const count = (severity: Severity, status: FindingStatus) => stats.bySeverityStatus.find((g) => g.severity === severity && g.status === status)?.count ?? 0;
  const rows = SEVERITIES.map((sev) => ({ sev, parts: STATUSES.map((st) => [st, count(sev, st)] as [FindingStatus, number]) }));
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, [, n]) => s + n, 0)));
  return (
    <Card title="By severity and status">
      <ul className="space-y-2">
        {rows.map(({ sev, parts }) => (
          <li key={sev} className="grid grid-cols-[5rem_1fr_3.5rem] items-center gap-2 text-sm">
            <Link href={`/engagements/${engagementId}/findings?severity=${sev}`} className="text-sky-800 hover:underline">{severityLabel(sev)}</Link>
            <StackedBar parts={parts} max={max} fill={statusFill} label={statusLabel} />
            <span className="text-right tabular-nums text-slate-700">{fmt(parts.reduce((s, [, n]) => s + n, 0))}</span>
          </li>
        ))}
      </ul>
      <div className="mt-3"><Legend keys={STATUSES} fill={statusFill} label={statusLabel} /></div>
    </Card>
  );
}

export function HostChart({ stats, engagementId }: { stats: TFindingStats; engagementId: string }) {
  const rows = stats.byHost.map((h) => ({ ...h, parts: SEVERITIES.map((s) => [s, h[s.toLowerCase() as "critical" | "high" | "medium" | "low"]] as [Severity, number]) }));
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, [, n]) => s + n, 0)));
  return (
    <Card title={`Open findings per host${rows.length === 20 ? " (top 20)" : ""}`}>
      {rows.length === 0 ? <p className="text-sm text-slate-500">No open findings.</p> : (
        <ul className="space-y-1.5">
          {rows.map((h) => (
            <li key={h.hostId} className="grid grid-cols-[minmax(0,10rem)_1fr_3rem] items-center gap-2 text-xs">
              <Link href={`/engagements/${engagementId}/findings?host=${h.hostId}`} className="truncate text-sky-800 hover:underline" title={h.hostLabel}>{h.hostLabel}</Link>
              <StackedBar parts={h.parts} max={max} fill={severityFill} label={(s) => s.toLowerCase()} />
              <span className="text-right tabular-nums text-slate-700">{fmt(h.parts.reduce((s, [, n]) => s + n, 0))}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3"><Legend keys={SEVERITIES} fill={severityFill} label={severityLabel} /></div>
    </Card>
  );
}

// Open findings as of each of the last runs: stacked columns, worst at the bottom.
export function OverRunsChart({ stats }: { stats: TFindingStats }) {
  const runs = stats.overRuns;
  const W = 560;
  const H = 180;
  const pad = { left: 36, bottom: 28, top: 10 };
  const totals = runs.map((r) => r.critical + r.high + r.medium + r.low);
  const max = Math.max(1, ...totals);
  const slot = runs.length ? (W - pad.left) / runs.length : 0;
  const bar = Math.min(36, slot * 0.7);
  const y = (n: number) => ((H - pad.bottom - pad.top) * n) / max;
  return (
    <Card title="Open findings over the last runs">
      {runs.length === 0 ? <p className="text-sm text-slate-500">No audit runs yet.</p> : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Open findings at each of the last ${runs.length} runs: ${totals.map(fmt).join(", ")}`}>
            <line x1={pad.left} x2={W} y1={H - pad.bottom} y2={H - pad.bottom} stroke="#cbd5e1" />
            <text x={pad.left - 6} y={pad.top + 4} textAnchor="end" fontSize="10" fill="#64748b">{fmt(max)}</text>
            <text x={pad.left - 6} y={H - pad.bottom} textAnchor="end" fontSize="10" fill="#64748b">0</text>
            {runs.map((r, i) => {
              const x = pad.left + i * slot + (slot - bar) / 2;
              let top = H - pad.bottom;
              return (
                <g key={r.runId}>
                  <title>{`${new Date(r.createdAt).toISOString().slice(0, 10)}: ${r.critical} critical, ${r.high} high, ${r.medium} medium, ${r.low} low`}</title>
                  {SEVERITIES.map((s) => {
                    const h = y(r[s.toLowerCase() as "critical" | "high" | "medium" | "low"]);
                    top -= h;
                    return h > 0 ? <rect key={s} x={x} y={top} width={bar} height={h} fill={severityFill[s]} /> : null;
                  })}
                  <text x={x + bar / 2} y={H - pad.bottom + 12} textAnchor="middle" fontSize="9" fill="#64748b">{new Date(r.createdAt).toISOString().slice(5, 10)}</text>
                  <text x={x + bar / 2} y={H - pad.bottom - (H - pad.bottom - top) - 3} textAnchor="middle" fontSize="9" fill="#334155">{fmt(totals[i]!)}</text>
                </g>
              );
            })}
          </svg>
          <Legend keys={SEVERITIES} fill={severityFill} label={severityLabel} />
        </>
      )}
    </Card>
  );
}

export function FalsePositiveChart({ stats }: { stats: TFindingStats }) {
  const rules = [...stats.falsePositiveRateByRule].sort((a, b) => b.rate - a.rate || b.triaged - a.triaged);
  return (
    <Card title="False-positive rate per rule">
      {rules.length === 0 ? <p className="text-sm text-slate-500">Nothing triaged yet.</p> : (
        <ul className="space-y-1.5">
          {rules.map((r) => (
            <li key={r.ruleId} className="grid grid-cols-[minmax(0,12rem)_1fr_6rem] items-center gap-2 text-xs">
              <code className="truncate" title={r.ruleId}>{r.ruleId}</code>
              <div className="h-3 overflow-hidden rounded bg-slate-100" role="img" aria-label={`${Math.round(r.rate * 100)} percent false positives`}>
                <div className="h-full bg-slate-500" style={{ width: `${r.rate * 100}%` }} />
              </div>
              <span className="text-right tabular-nums text-slate-700">{Math.round(r.rate * 100)} % of {fmt(r.triaged)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// The engagement page's findings section: counts by severity (open), a link
// to the triage screen, the charts and the KPIs.
export function FindingsOverview({ stats, engagementId }: { stats: TFindingStats; engagementId: string }) {
  const open = (sev: Severity) => stats.bySeverityStatus.filter((g) => g.severity === sev && OPEN_STATUSES.includes(g.status)).reduce((s, g) => s + g.count, 0);
  const openQuery = OPEN_STATUSES.map((s) => `status=${s}`).join("&");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/engagements/${engagementId}/findings`} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-sky-800">Triage findings</Link>
        <ul className="flex flex-wrap gap-2 text-sm" aria-label="Open findings by severity">
          {SEVERITIES.map((sev) => (
            <li key={sev}>
              <Link href={`/engagements/${engagementId}/findings?severity=${sev}&${openQuery}`} className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 hover:bg-slate-50">
                <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: severityFill[sev] }} />
                <span className="tabular-nums font-semibold">{fmt(open(sev))}</span> {sev.toLowerCase()}
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <Kpis stats={stats} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SeverityStatusChart stats={stats} engagementId={engagementId} />
        <OverRunsChart stats={stats} />
        <HostChart stats={stats} engagementId={engagementId} />
        <FalsePositiveChart stats={stats} />
      </div>
    </div>
  );
}
