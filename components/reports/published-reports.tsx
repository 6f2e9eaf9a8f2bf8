import type { TReportRow } from "@/lib/domain/reports/list-reports";
import { tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { formatBytes, formatUtc } from "./report-format";

// The published versions a client downloads: what, when, who published it,
// and the sha256 they can check the file against.
export function PublishedReports({ reports }: { reports: TReportRow[] }) {
  if (!reports.length) return <p className="text-sm text-slate-500">No report has been published yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead>
          <tr>
            <th className={thClass}>Version</th>
            <th className={thClass}>Title</th>
            <th className={thClass}>Published</th>
            <th className={thClass}>File</th>
            <th className={thClass}><span className="sr-only">Download</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reports.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} tabular-nums`}>v{r.version}</td>
              <td className={tdClass}>{r.title} <span className="text-xs text-slate-500">({r.classification})</span></td>
              <td className={tdClass}>{formatUtc(r.publishedAt)}{r.publishedBy && <span className="text-slate-600"> by {r.publishedBy.name}</span>}</td>
              <td className={`${tdClass} text-xs text-slate-600`}>
                {r.pageCount} pages · {formatBytes(r.sizeBytes)}
                <div className="font-mono break-all" title="sha256 of the PDF">sha256 {r.sha256}</div>
              </td>
              <td className={`${tdClass} text-right`}>
                <a href={`/api/reports/${r.id}/pdf`} className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800" download>
                  Download v{r.version} PDF
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
