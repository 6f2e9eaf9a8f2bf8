import type { TReportModel } from "../report-model";
import { formatDate, formatDateTime } from "../words";

export function SignOff({ model }: { model: TReportModel }) {
  const { report } = model;
  return (
    <section className="section" id="sec-signoff">
      <h1>8 Sign-off</h1>
      <p>Who reviewed the findings, who approved which change, and when. Palisade records every decision in a hash-chained audit log; these entries are drawn from it.</p>
      <table>
        <thead><tr><th style={{ width: "34mm" }}>Decision</th><th style={{ width: "52mm" }}>Who</th><th>What</th><th style={{ width: "27mm" }}>When</th></tr></thead>
        <tbody>
          {model.signOffs.map((s, i) => (
            <tr key={i}>
              <td>{s.role}</td>
              <td><strong>{s.name}</strong><br /><span className="small muted">{s.email}</span></td>
              <td>{s.what}</td>
              <td className="small">{formatDateTime(s.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="signatures">
        <div className="signature">
          <div className="line" />
          <div className="who"><strong>{report.draftedBy.name}</strong>, prepared the report</div>
        </div>
        <div className="signature">
          <div className="line" />
          <div className="who">
            {report.publishedBy ? <><strong>{report.publishedBy.name}</strong>, reviewed and published, {formatDate(report.publishedAt)}</> : "Reviewer (not yet published)"}
          </div>
        </div>
      </div>
    </section>
  );
}
