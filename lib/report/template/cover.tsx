import type { TReportModel } from "../report-model";
import { formatDate } from "../words";

export function Cover({ model }: { model: TReportModel }) {
  const { report, client, engagement } = model;
  const period =
    engagement.startsOn || engagement.endsOn
      ? `${formatDate(engagement.startsOn)} – ${formatDate(engagement.endsOn)}`
      : engagement.firstAuditAt
        ? `${formatDate(engagement.firstAuditAt)} – ${formatDate(engagement.lastAuditAt)}`
        : "—";
  return (
    <section className="cover">
      <div className="brand">PALISADE</div>
      <div className="rule" />
      <div className="kind">Security assessment report</div>
      <div className="title">{report.title}</div>
      <div className="client">{client.name}</div>
      <div className="engagement">{engagement.name}</div>
      <div className="meta">
        <table className="kv">
          <tbody>
            <tr><th>Version</th><td>{report.version}{report.publishedAt ? "" : " (draft)"}</td></tr>
            <tr><th>Date</th><td>{formatDate(report.publishedAt ?? model.generatedAt)}</td></tr>
            <tr><th>Assessment period</th><td>{period}</td></tr>
            <tr><th>Prepared by</th><td>{report.draftedBy.name}</td></tr>
            <tr><th>Reviewed and published by</th><td>{report.publishedBy?.name ?? "Not yet published"}</td></tr>
            <tr><th>Hosts in scope</th><td>{model.scope.hosts.length.toLocaleString("en-GB")}</td></tr>
          </tbody>
        </table>
        <div className="marking">{report.classification}</div>
        {report.publishedAt ? null : <div className="draft">Draft — not reviewed for release</div>}
      </div>
    </section>
  );
}
