import type { THardeningItem, TReportModel } from "../report-model";
import { formatDateTime, HARDENING_STATUS_WORD, STRATEGY_WORD } from "../words";

const Commands = ({ title, commands }: { title: string; commands: string[] }) =>
  commands.length === 0 ? null : (
    <>
      <h4>{title}</h4>
      <pre className="command">{commands.join("\n")}</pre>
    </>
  );

function Step({ s }: { s: THardeningItem }) {
  return (
    <article className="step">
      <div className="finding-head">
        <div className="finding-title">
          <span className="ref">{s.findingRef ?? ""}</span>
          <h3>{s.title}</h3>
          <span className="status">{HARDENING_STATUS_WORD[s.status]}</span>
        </div>
        <table className="kv small">
          <tbody>
            <tr><th>Host</th><td>{s.hostLabel}</td></tr>
            <tr><th>Finding</th><td>{s.findingTitle}</td></tr>
            <tr><th>Strategy</th><td>{STRATEGY_WORD[s.strategy]}</td></tr>
            <tr><th>Proposed by</th><td>{s.proposedBy}</td></tr>
            <tr><th>Approved by</th><td>{s.approvedBy ? `${s.approvedBy}${s.approvedAt ? `, ${formatDateTime(s.approvedAt)}` : ""}` : "Not approved"}</td></tr>
            <tr><th>Applied</th><td>{s.appliedBy ? `${s.appliedBy}, ${formatDateTime(s.appliedAt)}` : "Not applied"}</td></tr>
            {s.verification ? <tr><th>Verification</th><td>{s.verification}</td></tr> : null}
          </tbody>
        </table>
      </div>
      <p>{s.rationale}</p>
      <div className="cols">
        <div><h4>Before</h4><p>{s.before}</p></div>
        <div><h4>Expected after</h4><p>{s.expectedAfter}</p></div>
      </div>
      <Commands title="Commands" commands={s.commands} />
      <Commands title="Verify" commands={s.verifyCommands} />
      <Commands title="Rollback" commands={s.rollbackCommands} />
      {s.files.map((f) => (
        <div key={f.path}>
          <div className="evidence-caption">File before the change: <span className="mono">{f.path}</span></div>
          <pre>{f.before ?? "(did not exist)"}</pre>
        </div>
      ))}
    </article>
  );
}

export function Hardening({ model }: { model: TReportModel }) {
  const done = model.hardening.filter((s) => s.status !== "REJECTED");
  return (
    <section className="section" id="sec-hardening">
      <h1>4 Hardening done</h1>
      <p className="muted">Each change was approved by a second person before it ran. Steps not yet applied are listed too, so the record is complete; rejected proposals are left out.</p>
      {done.length === 0 ? <p className="empty">No hardening steps were proposed.</p> : done.map((s) => <Step key={s.id} s={s} />)}
    </section>
  );
}
