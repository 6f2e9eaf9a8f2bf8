import type { TReportFinding, TReportModel } from "../report-model";
import { formatDate, formatDateTime, FINDING_STATUS_WORD, SEVERITIES, SEVERITY_WORD } from "../words";

// Findings grouped by severity, then host. Everything that came from a host
// (why, evidence, commands) is a text child: React escapes it, so a host that
// prints <script> or HTML shows it literally.

function Finding({ f }: { f: TReportFinding }) {
  return (
    <article className="finding">
      <div className="finding-head">
        <div className="finding-title">
          <span className="ref">{f.ref}</span>
          <h3>{f.title}</h3>
          <span className="status">{FINDING_STATUS_WORD[f.status]}</span>
          <span className={`badge sev-${f.severity}`}>{SEVERITY_WORD[f.severity]}</span>
        </div>
        <div className="finding-meta">
          <span><strong>{f.hostLabel}</strong>{f.endpoint ? ` · ${f.endpoint}` : ""}</span>
          {f.executable ? <span className="mono">{f.executable}</span> : null}
        </div>
        <div className="finding-meta muted">
          <span>{f.timesSeen === 1 ? `Seen ${formatDate(f.lastSeenAt)}` : `Seen in ${f.timesSeen} runs, ${formatDate(f.firstSeenAt)} – ${formatDate(f.lastSeenAt)}`}</span>
          <span>rule <span className="mono">{f.ruleId}</span></span>
          {f.cwe ? <span>CWE-{f.cwe}</span> : null}
          <span>confidence {f.confidence}</span>
        </div>
      </div>
      <h4>Why</h4>
      <p>{f.why}</p>
      <h4>Impact</h4>
      <p>{f.impact}</p>
      <p className="small muted">Why this severity: {f.severityReason}</p>
      {f.evidence.length > 0 ? <h4>Evidence</h4> : null}
      {f.evidence.map((e) => (
        <div key={e.ref}>
          <div className="evidence-caption">
            <span className="mono">{e.ref}</span> · <span className="mono">$ {e.command}</span>
            {e.shownLines < e.totalLines ? ` · ${e.shownLines} of ${e.totalLines} lines` : null}
          </div>
          <pre>{e.excerpt === "" ? "(no output)" : e.excerpt}</pre>
        </div>
      ))}
      <h4>Reproduce</h4>
      <pre className="command">{f.reproduce}</pre>
      {f.triage ? (
        <div className="triage">
          <strong>{f.triage.decision}</strong> by {f.triage.by}, {formatDateTime(f.triage.at)}
          {f.triage.comment ? <>: “{f.triage.comment}”</> : null}
        </div>
      ) : (
        <div className="triage muted">Not yet triaged by a reviewer.</div>
      )}
    </article>
  );
}

export function Findings({ model }: { model: TReportModel }) {
  return (
    <section className="section" id="sec-findings">
      <h1>3 Findings</h1>
      {model.findings.length === 0 ? <p className="empty">The audit raised no findings.</p> : null}
      {SEVERITIES.map((s) => {
        const group = model.findings.filter((f) => f.severity === s);
        if (group.length === 0) return null;
        const byHost = new Map<string, TReportFinding[]>();
        for (const f of group) byHost.set(f.hostLabel, [...(byHost.get(f.hostLabel) ?? []), f]);
        return (
          <div key={s} className="severity-group" id={`sec-findings-${s.toLowerCase()}`}>
            <h2>
              <span className={`badge sev-${s}`}>{SEVERITY_WORD[s]}</span> {group.length.toLocaleString("en-GB")} {group.length === 1 ? "finding" : "findings"} on {byHost.size.toLocaleString("en-GB")} {byHost.size === 1 ? "host" : "hosts"}
            </h2>
            {[...byHost].map(([h, findings]) => (
              <div key={h}>
                <h3 className="host-heading">{h}</h3>
                {findings.map((f) => (
                  <Finding key={f.id} f={f} />
                ))}
              </div>
            ))}
          </div>
        );
      })}
    </section>
  );
}
