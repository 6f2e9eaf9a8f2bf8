import type { TActor } from "@/lib/domain/actor";
import type { TReportRow } from "@/lib/domain/reports/list-reports";
import type { TFormState } from "@/lib/server/action";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { Badge } from "@/components/ui/badge";
import { tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { ReportDraftForm } from "./report-draft-form";
import { formatBytes, formatUtc } from "./report-format";

type TBoundAction = (id: string, state: TFormState, formData: FormData) => Promise<TFormState>;

// Every version of an engagement's report with what the workflow allows the
// actor on each: preview, edit or delete a draft; publish it (a reviewer who
// did not draft it); download a published one.
export function ReportVersions({ reports, actor, actions }: {
  reports: TReportRow[];
  actor: TActor;
  actions: { update: TBoundAction; remove: TBoundAction; publish: TBoundAction };
}) {
  const canDraft = can(actor.role, "report.draft");
  const canPublish = can(actor.role, "report.publish");
  if (!reports.length) return <p className="text-sm text-slate-500">No report versions yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} aria-label="Report versions">
        <thead>
          <tr>
            <th className={thClass}>Version</th>
            <th className={thClass}>Title</th>
            <th className={thClass}>Status</th>
            <th className={thClass}>Drafted by</th>
            <th className={thClass}>Published</th>
            <th className={thClass}>File</th>
            <th className={thClass}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reports.map((r) => {
            const draft = r.status === "DRAFT";
            return (
              <tr key={r.id} data-testid={`report-v${r.version}`}>
                <td className={`${tdClass} tabular-nums`}>v{r.version}</td>
                <td className={tdClass}>{r.title} <span className="text-xs text-slate-500">({r.classification})</span></td>
                <td className={tdClass}><Badge tone={draft ? "amber" : "emerald"}>{draft ? "draft" : "published"}</Badge></td>
                <td className={tdClass}>{r.draftedBy.name}<div className="text-xs text-slate-500">{formatUtc(r.createdAt)}</div></td>
                <td className={tdClass}>{r.publishedBy ? <>{r.publishedBy.name}<div className="text-xs text-slate-500">{formatUtc(r.publishedAt)}</div></> : <span className="text-slate-400">not yet</span>}</td>
                <td className={`${tdClass} text-xs text-slate-600`}>
                  {draft ? <span className="text-slate-400">rendered when published</span> : (
                    <>
                      {r.pageCount} pages · {formatBytes(r.sizeBytes)}
                      <div className="font-mono break-all" title="sha256 of the PDF">sha256 {r.sha256}</div>
                    </>
                  )}
                </td>
                <td className={`${tdClass} space-y-2 text-right`}>
                  {draft ? (
                    <>
                      <a href={`/api/reports/${r.id}/preview`} target="_blank" rel="noopener" className="text-sky-700 hover:underline">Preview v{r.version}</a>
                      {canPublish && r.draftedById !== actor.id && <div><InlineAction action={actions.publish.bind(null, r.id)} label={`Publish v${r.version}`} variant="primary" /></div>}
                      {canPublish && r.draftedById === actor.id && <p className="text-xs text-slate-500">You drafted it: another reviewer publishes.</p>}
                      {canDraft && (
                        <>
                          <div><InlineAction action={actions.remove.bind(null, r.id)} label={`Delete v${r.version}`} variant="danger" /></div>
                          <details className="text-left">
                            <summary className="cursor-pointer text-sky-700">Edit v{r.version}</summary>
                            <div className="mt-2 w-80"><ReportDraftForm action={actions.update.bind(null, r.id)} defaults={r} submitLabel="Save draft" /></div>
                          </details>
                        </>
                      )}
                    </>
                  ) : (
                    <a href={`/api/reports/${r.id}/pdf`} download className="text-sky-700 hover:underline">Download v{r.version}</a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
