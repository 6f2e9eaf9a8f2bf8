import Link from "next/link";
import { FindingStatusBadge, SEVERITIES, STATUSES, severityLabel } from "./labels";
import type { TFindingQuery } from "./query";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600";

// A plain GET form: the filters are the address, so they work before
// hydration, survive a reload and can be shared. Applying starts at page one.
export function FindingFilters({ engagementId, query, hosts, rules }: { engagementId: string; query: TFindingQuery; hosts: { id: string; label: string }[]; rules: { id: string; title: string }[] }) {
  return (
    <form method="get" action={`/engagements/${engagementId}/findings`} role="search" aria-label="Filter findings" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-6">
        <div className="md:col-span-2">
          <label htmlFor="findings-q" className="block text-sm font-medium text-slate-800">Search title or host</label>
          <input id="findings-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} placeholder="redis, web-01…" className={control} />
        </div>
        <div>
          <label htmlFor="findings-host" className="block text-sm font-medium text-slate-800">Host</label>
          <select id="findings-host" name="host" defaultValue={query.host ?? ""} className={control}>
            <option value="">All hosts</option>
            {hosts.map((h) => <option key={h.id} value={h.id}>{h.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="findings-rule" className="block text-sm font-medium text-slate-800">Rule</label>
          <select id="findings-rule" name="rule" defaultValue={query.rule ?? ""} className={control}>
            <option value="">All rules</option>
            {rules.map((r) => <option key={r.id} value={r.id}>{r.id}</option>)}
            {query.rule && !rules.some((r) => r.id === query.rule) && <option value={query.rule}>{query.rule}</option>}
          </select>
        </div>
        <div>
          <label htmlFor="findings-seen" className="block text-sm font-medium text-slate-800">Seen</label>
          <select id="findings-seen" name="seen" defaultValue={query.seen ?? ""} className={control}>
            <option value="">New and recurring</option>
            <option value="new">New (first run)</option>
            <option value="recurring">Recurring</option>
          </select>
        </div>
        <div>
          <label htmlFor="findings-sort" className="block text-sm font-medium text-slate-800">Sort</label>
          <select id="findings-sort" name="sort" defaultValue={query.sort} className={control}>
            <option value="severity">Severity</option>
            <option value="recent">Most recent</option>
          </select>
        </div>
      </div>
      <div className="flex flex-wrap gap-x-8 gap-y-2">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Severity</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {SEVERITIES.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="severity" value={s} defaultChecked={query.severity.includes(s)} /> {severityLabel(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Status</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="status" value={s} defaultChecked={query.status.includes(s)} aria-label={s.toLowerCase().replace(/_/g, " ")} /> <FindingStatusBadge status={s} />
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-sky-800">Apply filters</button>
        <Link href={`/engagements/${engagementId}/findings`} className="text-sm text-sky-700 hover:underline">Clear</Link>
      </div>
    </form>
  );
}
