import type { Metadata } from "next";
import Link from "next/link";
import { getEngagementSummary } from "@/lib/domain/engagements/get-engagement-summary";
import { listReports, seesDrafts, type TReportRow } from "@/lib/domain/reports/list-reports";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { PublishedReports } from "@/components/reports/published-reports";
import { ReportDraftForm } from "@/components/reports/report-draft-form";
import { ReportVersions } from "@/components/reports/report-versions";
import { PageHeader, Section } from "@/components/ui/page-header";
import { deleteReportDraftAction, draftReportAction, publishReportAction, updateReportDraftAction } from "./actions";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ published?: string; deleted?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const outcome = await searchParams;
  const reports = await orNotFound(listReports({ actor, engagementId: id }));
  const engagement = await orNotFound(getEngagementSummary({ actor, engagementId: id }));
  const exportsHref = (format: string) => `/api/engagements/${engagement.id}/exports/${format}`;

  return (
    <div className="space-y-6">
      <PageHeader title="Reports" subtitle={<Link href={`/engagements/${engagement.id}`} className="text-sky-700 hover:underline">{engagement.name}</Link>} />
      <Outcome reports={reports} published={outcome.published} deleted={outcome.deleted} />
      {!seesDrafts(actor) ? (
        <Section title="Published reports" id="published">
          <PublishedReports reports={reports} />
        </Section>
      ) : (
        <>
          <Section title="Versions" id="versions">
            <ReportVersions reports={reports} actor={actor} actions={{ update: updateReportDraftAction, remove: deleteReportDraftAction, publish: publishReportAction }} />
            <p className="mt-3 text-xs text-slate-500">A consultant drafts a version; a reviewer who did not draft it publishes it. Publishing renders the PDF once and stores it with its sha256; it never changes afterwards. Clients see published versions only.</p>
          </Section>
          {can(actor.role, "report.draft") && (
            <Section title="Draft a new version" id="draft">
              <div className="max-w-xl"><ReportDraftForm action={draftReportAction.bind(null, engagement.id)} submitLabel="Draft report" /></div>
            </Section>
          )}
          {can(actor.role, "export.read") && (
            <Section title="Exports" id="exports">
              <ul className="space-y-2 text-sm">
                <li><a href={exportsHref("json")} download className="text-sky-700 hover:underline">Engagement (JSON)</a> <span className="text-slate-500">— everything, in the documented schema (see the README); no credentials.</span></li>
                <li><a href={exportsHref("csv")} download className="text-sky-700 hover:underline">Findings (CSV)</a> <span className="text-slate-500">— one row per finding, safe to open in a spreadsheet.</span></li>
                <li><a href={exportsHref("defectdojo")} download className="text-sky-700 hover:underline">Findings for DefectDojo (JSON)</a> <span className="text-slate-500">— import with scan type “Generic Findings Import”.</span></li>
              </ul>
            </Section>
          )}
        </>
      )}
    </div>
  );
}

// What the last publish or delete did, read back from the stored rows (the
// address only says which version).
function Outcome({ reports, published, deleted }: { reports: TReportRow[]; published?: string; deleted?: string }) {
  const version = Number(published);
  const row = published ? reports.find((r) => r.version === version && r.status === "PUBLISHED") : undefined;
  const text = row
    ? `Published version ${row.version}: ${row.pageCount} pages, sha256 ${row.sha256}.`
    : deleted && /^\d+$/.test(deleted) && !reports.some((r) => r.version === Number(deleted))
      ? `Deleted draft version ${deleted}.`
      : null;
  if (!text) return null;
  return <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{text}</p>;
}
