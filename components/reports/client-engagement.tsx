import type { TReportRow } from "@/lib/domain/reports/list-reports";
import { EngagementStatusBadge } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { PublishedReports } from "./published-reports";

// The engagement page as a client sees it: what was assessed and the
// published reports to download. Hosts, findings, evidence and members are
// the consultants' working material, not the deliverable.
export function ClientEngagement({ engagement, clientName, reports }: {
  engagement: { name: string; status: string; scope: string };
  clientName: string;
  reports: TReportRow[];
}) {
  return (
    <div className="space-y-6">
      <PageHeader title={engagement.name} subtitle={<span className="flex items-center gap-2">{clientName} · <EngagementStatusBadge status={engagement.status} /></span>} />
      {engagement.scope && (
        <Section title="Scope">
          <p className="whitespace-pre-wrap text-sm text-slate-700">{engagement.scope}</p>
        </Section>
      )}
      <Section title="Reports" id="reports">
        <PublishedReports reports={reports} />
      </Section>
    </div>
  );
}
