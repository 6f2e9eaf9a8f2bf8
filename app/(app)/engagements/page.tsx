import type { Metadata } from "next";
import Link from "next/link";
import { listEngagements } from "@/lib/domain/engagements/list-engagements";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/server/auth/actor";
import { landingPath } from "@/lib/server/auth/landing";
import { can } from "@/lib/server/permissions";
import { EngagementStatusBadge, Badge } from "@/components/ui/badge";
import { PageHeader, tableClass, tdClass, thClass } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Engagements" };

export default async function EngagementsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const actor = await requireActor();
  // A client's list of engagements is the portal, with their reports.
  if (actor.role === "CLIENT") redirect(landingPath(actor.role));
  const includeArchived = (await searchParams).archived === "1";
  const engagements = await listEngagements({ actor, includeArchived });
  return (
    <>
      <PageHeader
        title="Engagements"
        subtitle={actor.role === "ADMIN" ? "All engagements." : "The engagements you are a member of."}
        actions={can(actor.role, "engagement.create") && <Link href="/engagements/new" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800">New engagement</Link>}
      />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              <th className={thClass}>Engagement</th>
              <th className={thClass}>Client</th>
              <th className={thClass}>Status</th>
              <th className={thClass}>Dates</th>
              <th className={`${thClass} text-right`}>Hosts</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {engagements.map((e) => (
              <tr key={e.id} className="hover:bg-slate-50">
                <td className={tdClass}>
                  <Link href={`/engagements/${e.id}`} className="font-medium text-sky-800 hover:underline">{e.name}</Link>
                  {e.archivedAt && <span className="ml-2"><Badge>archived</Badge></span>}
                </td>
                <td className={tdClass}>{e.client.name}</td>
                <td className={tdClass}><EngagementStatusBadge status={e.status} /></td>
                <td className={`${tdClass} text-slate-600`}>{formatRange(e.startsOn, e.endsOn)}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{e._count.hosts}</td>
              </tr>
            ))}
            {engagements.length === 0 && (
              <tr><td colSpan={5} className="px-3 py-8 text-center text-slate-500">No engagements yet.</td></tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm">
        <Link href={includeArchived ? "/engagements" : "/engagements?archived=1"} className="text-slate-600 underline">
          {includeArchived ? "Hide archived" : "Show archived"}
        </Link>
      </p>
    </>
  );
}

function formatRange(start: Date | null, end: Date | null) {
  const f = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "…");
  return start || end ? `${f(start)} → ${f(end)}` : "—";
}
