import type { TReportModel } from "../report-model";
import { formatDateTime } from "../words";

export function Appendix({ model }: { model: TReportModel }) {
  return (
    <section className="section appendix" id="sec-evidence">
      <h1>Appendix: evidence index</h1>
      <p className="muted">Every command output this report cites. The sha256 is of the exact bytes the host returned, so the full output kept in Palisade can be checked against it, or against a re-run of the command.</p>
      {model.evidence.length === 0 ? <p className="empty">No evidence is cited.</p> : (
        <table>
          <thead><tr><th style={{ width: "15mm" }}>Ref</th><th style={{ width: "34mm" }}>Host</th><th>Command</th><th style={{ width: "26mm" }}>Collected</th><th style={{ width: "46mm" }}>sha256</th></tr></thead>
          <tbody>
            {model.evidence.map((e) => (
              <tr key={e.ref}>
                <td className="mono small">{e.ref}</td>
                <td className="small">{e.hostLabel}</td>
                <td className="mono small">{e.command}{e.redacted ? <span className="muted"> (redacted)</span> : null}{e.truncated ? <span className="muted"> (truncated)</span> : null}</td>
                <td className="small">{formatDateTime(e.collectedAt)}</td>
                <td className="hash">{e.sha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
