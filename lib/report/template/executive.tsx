import type { TReportModel } from "../report-model";
import { SEVERITIES, SEVERITY_WORD } from "../words";
import { SeverityChart } from "./severity-chart";

export function Executive({ model }: { model: TReportModel }) {
  const { executive, report } = model;
  const openTotal = SEVERITIES.reduce((n, s) => n + executive.open[s], 0);
  const consultant = report.consultantSummary.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return (
    <section className="section" id="sec-summary">
      <h1>1 Executive summary</h1>
      {consultant.length > 0 ? (
        <div className="consultant">
          {consultant.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      {executive.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <div className="figures">
        <div className="figure">
          <div className="n">{model.scope.hosts.length.toLocaleString("en-GB")}</div>
          <div className="l">hosts audited</div>
        </div>
        <div className="figure">
          <div className="n">{openTotal.toLocaleString("en-GB")}</div>
          <div className="l">findings needing action</div>
        </div>
        {(["CRITICAL", "HIGH"] as const).map((s) => (
          <div key={s} className={`figure sev-top-${s}`}>
            <div className="n">{executive.open[s].toLocaleString("en-GB")}</div>
            <div className="l">open {SEVERITY_WORD[s].toLowerCase()}</div>
          </div>
        ))}
      </div>
      <h2>Findings by severity</h2>
      <SeverityChart total={executive.total} open={executive.open} />
      <h2>Top risks</h2>
      {executive.topRisks.length === 0 ? (
        <p className="empty">No critical or high-severity finding is open.</p>
      ) : (
        <table>
          <thead>
            <tr><th style={{ width: "14mm" }}>Ref</th><th style={{ width: "20mm" }}>Severity</th><th>Finding</th><th>What it means</th></tr>
          </thead>
          <tbody>
            {executive.topRisks.map((r) => (
              <tr key={r.ref}>
                <td className="mono nowrap">{r.ref}</td>
                <td><span className={`badge sev-${r.severity}`}>{SEVERITY_WORD[r.severity]}</span></td>
                <td><strong>{r.title}</strong><br /><span className="muted">{r.hostLabel}</span></td>
                <td className="small">{r.impact}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
