import type { Metadata } from "next";
import Link from "next/link";
import { listEngagements } from "@/lib/domain/engagements/list-engagements";
import { listReports } from "@/lib/domain/reports/list-reports";
import { requireActor } from "@/lib/server/auth/actor";
import { PublishedReports } from "@/components/reports/published-reports";
import { PageHeader, Section } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Your reports" };

// Where a client lands: the published reports of their engagements, to
// download, and nothing else. Others may open it too (it is the same list).
export default async function PortalPage() {
  const actor = await requireActor();
  const [engagements, reports] = await Promise.all([listEngagements({ actor }), listReports({ actor })]);
  const published = reports.filter((r) => r.status === "PUBLISHED");
  return (
    <div className="space-y-6">
      <PageHeader title="Your reports" subtitle="Published security reports of your engagements. Each file's sha256 is shown so you can check the copy you keep." />
      {engagements.map((e) => (
        <Section key={e.id} title={`${e.name} · ${e.client.name}`} id={`engagement-${e.id}`}>
          <p className="mb-3 text-sm"><Link href={`/engagements/${e.id}`} className="text-sky-700 hover:underline">{e.name}</Link></p>
          <PublishedReports reports={published.filter((r) => r.engagementId === e.id)} />
        </Section>
      ))}
      {engagements.length === 0 && <p className="text-sm text-slate-500">You are not a member of any engagement yet.</p>}
    </div>
  );
}
