import type { TReportModel } from "../report-model";
import { DRIFT_CHANGE_WORD, DRIFT_KIND_WORD, DRIFT_STATUS_WORD, formatDate, SEVERITY_WORD } from "../words";

// The three registers a client tracks after the report: accepted risks, open items, drift.

export function AcceptedRisks({ model }: { model: TReportModel }) {
  return (
    <section className="section" id="sec-accepted">
      <h1>5 Accepted risks</h1>
      <p className="muted">A risk is accepted only by a reviewer other than the person who asked, with a justification and an expiry date; at expiry the finding reopens.</p>
      {model.acceptedRisks.length === 0 ? <p className="empty">No risks were accepted.</p> : (
        <table>
          <thead><tr><th style={{ width: "14mm" }}>Ref</th><th>Finding</th><th>Justification</th><th>Requested / approved</th><th style={{ width: "24mm" }}>Expires</th></tr></thead>
          <tbody>
            {model.acceptedRisks.map((r) => (
              <tr key={r.findingRef}>
                <td className="mono">{r.findingRef}</td>
                <td><span className={`badge sev-${r.severity}`}>{SEVERITY_WORD[r.severity]}</span> <strong>{r.title}</strong><br /><span className="muted">{r.hostLabel}</span></td>
                <td>{r.justification || "—"}</td>
                <td className="small">{r.requestedBy ?? "—"} / {r.approvedBy ?? <em>awaiting approval</em>}</td>
                <td>{formatDate(r.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function OpenItems({ model }: { model: TReportModel }) {
  return (
    <section className="section" id="sec-open">
      <h1>6 Open items</h1>
      {model.openItems.length === 0 ? <p className="empty">Nothing is open.</p> : (
        <table>
          <thead><tr><th style={{ width: "14mm" }}>Ref</th><th style={{ width: "20mm" }}>Kind</th><th>Item</th><th>Host</th><th>State</th></tr></thead>
          <tbody>
            {model.openItems.map((o, i) => (
              <tr key={`${o.kind}-${o.ref}-${i}`}>
                <td className="mono">{o.ref}</td>
                <td>{o.kind === "finding" && o.severity ? <span className={`badge sev-${o.severity}`}>{SEVERITY_WORD[o.severity]}</span> : o.kind === "hardening" ? "Hardening" : "Drift"}</td>
                <td>{o.title}</td>
                <td>{o.hostLabel}</td>
                <td className="small">{o.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Drift({ model }: { model: TReportModel }) {
  return (
    <section className="section" id="sec-drift">
      <h1>7 Drift since the baseline</h1>
      <p className="muted">Differences between each host's approved inventory (its baseline) and what later runs found.</p>
      {model.drift.length === 0 ? <p className="empty">No drift: every host matches its baseline, or no baseline was approved.</p> : (
        <table>
          <thead><tr><th>Host</th><th style={{ width: "22mm" }}>Change</th><th>What</th><th>Baseline</th><th>Decision</th></tr></thead>
          <tbody>
            {model.drift.map((d, i) => (
              <tr key={`${d.hostLabel}-${d.kind}-${d.key}-${i}`}>
                <td>{d.hostLabel}</td>
                <td>{DRIFT_CHANGE_WORD[d.change]} {DRIFT_KIND_WORD[d.kind]?.toLowerCase()}</td>
                <td>{d.summary}<br /><span className="small muted">seen {formatDate(d.detectedAt)}</span></td>
                <td className="small">{d.baselineApprovedBy}, {formatDate(d.baselineApprovedAt)}</td>
                <td className="small">{DRIFT_STATUS_WORD[d.status]}{d.decidedBy ? ` by ${d.decidedBy}, ${formatDate(d.decidedAt)}` : ""}{d.findingRef ? ` (${d.findingRef})` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
