import type { TReportModel } from "../report-model";
import { formatDate, formatDateTime } from "../words";

// What Palisade does to each host, in the order it does it (DESIGN.md, "The five phases").
const PHASES: [name: string, what: string][] = [
  ["Discovery", "Read-only inventory over SSH: running services, TCP and UDP listeners with their processes, containers, cron jobs and timers, firewall state and the operating system. Raw output of every command is kept."],
  ["Forensics and mapping", "For each listener not bound to loopback: the executable, command line, user, parent process, systemd unit or container that owns it — who owns the port."],
  ["Risk classification", "Rules turn those facts into findings. Authentication and TLS are tested through the SSH connection (a handshake, greeting or HTTP request to the port from the host itself), never guessed from the port number."],
  ["Hardening", "Proposed fixes in strict order of preference: bind to localhost, then a firewall deny rule, then a reverse proxy with TLS and access control. Each carries exact, rollback and verification commands and needs a second person's approval."],
  ["Documentation and verification", "Before/after state, the exact commands and rollback steps; a verification run repeats discovery with independent commands to prove the effect."],
];

export function Scope({ model }: { model: TReportModel }) {
  const { engagement, scope } = model;
  return (
    <section className="section" id="sec-scope">
      <h1>2 Scope and method</h1>
      {engagement.scope ? <p><strong>Scope agreed: </strong>{engagement.scope}</p> : null}
      <h2>Method</h2>
      <table>
        <thead><tr><th style={{ width: "8mm" }}>#</th><th style={{ width: "40mm" }}>Phase</th><th>What is done</th></tr></thead>
        <tbody>
          {PHASES.map(([name, what], i) => (
            <tr key={name}><td>{i + 1}</td><td><strong>{name}</strong></td><td>{what}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        Every conclusion cites the command output it rests on (listed with its sha256 in the appendix). Secrets found in command output are replaced by [REDACTED] before it is stored.
      </p>
      <h2>Hosts</h2>
      {scope.hosts.length === 0 ? <p className="empty">No hosts.</p> : (
        <table>
          <thead>
            <tr><th>Host</th><th>Exposure</th><th>Operating system</th><th>Access</th><th>Audited</th><th style={{ width: "14mm" }}>Findings</th></tr>
          </thead>
          <tbody>
            {scope.hosts.map((h) => (
              <tr key={`${h.label}|${h.address}|${h.port}`}>
                <td><strong>{h.label}</strong><br /><span className="mono small">{h.address}:{h.port}</span></td>
                <td>{h.exposure === "INTERNET" ? "Internet" : "Internal"}</td>
                <td>{h.os ?? "—"}</td>
                <td><span className="mono small">{h.username}</span><br /><span className="small muted">{h.access}</span></td>
                <td className="small">
                  {h.auditedAt.length === 0 ? "Not audited" : h.auditedAt.length === 1 ? formatDateTime(h.auditedAt[0]) : `${h.auditedAt.length} runs, ${formatDate(h.auditedAt[0])} – ${formatDate(h.auditedAt.at(-1))}`}
                </td>
                <td>{h.findings.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
