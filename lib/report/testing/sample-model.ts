import { REPORT_MODEL_VERSION, type TReportFinding, type TReportModel, type TReportSeverity } from "../report-model";

// A report model without a database, for the template's unit tests and for
// looking at the pages while changing the CSS. Host output includes markup a
// hostile host could print: it must come out as text.
export const HOSTILE_OUTPUT = `<script>alert(1)</script>\n<b>bold</b> <img src=x onerror=alert(2)>`;

const SEVERITY_OF: TReportSeverity[] = ["CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW"];

export function sampleFinding(i: number): TReportFinding {
  const severity = SEVERITY_OF[i % SEVERITY_OF.length]!;
  const port = 6379 + i;
  const host = `web-${String(i % 7).padStart(2, "0")}.acme.internal`;
  return {
    ref: `F-${String(i + 1).padStart(3, "0")}`,
    id: `finding-${i}`,
    title: i === 0 ? "Redis reachable without authentication" : `Service on tcp/${port} answers without authentication`,
    severity,
    status: i % 5 === 0 ? "CONFIRMED" : "NEW",
    hostLabel: host,
    hostAddress: "0.0.0.0",
    ruleId: "exposed-unauthenticated-datastore",
    cwe: 306,
    why: `redis-server listens on 0.0.0.0:${port} and answered PING with +PONG without credentials.`,
    impact: "Anyone who can reach this port can read, change or delete the stored data without a password.",
    severityReason: "critical: no authentication, reachable from a non-loopback interface.",
    confidence: "high",
    reproduce: `redis-cli -h 127.0.0.1 -p ${port} PING`,
    endpoint: `tcp/${port} on 0.0.0.0`,
    executable: "/usr/bin/redis-server",
    firstSeenAt: "2025-03-03T09:12:00.000Z",
    lastSeenAt: "2025-03-10T09:12:00.000Z",
    timesSeen: 2,
    evidence: [
      {
        ref: `E-${String(i + 1).padStart(4, "0")}`,
        command: "ss -H -tlnp",
        excerpt: `LISTEN 0 511 0.0.0.0:${port} 0.0.0.0:* users:(("redis-server",pid=812,fd=6))\n${i === 0 ? HOSTILE_OUTPUT : `LISTEN 0 128 127.0.0.1:5432 0.0.0.0:* users:(("postgres",pid=700,fd=5))`}`,
        shownLines: 3,
        totalLines: 40,
      },
    ],
    triage: i % 5 === 0 ? { decision: "Confirmed", by: "Rita Reviewer", at: "2025-03-10T11:00:00.000Z", comment: "Seen on the console too." } : null,
  };
}

export function sampleModel(findingCount = 12): TReportModel {
  const findings = Array.from({ length: findingCount }, (_, i) => sampleFinding(i)).sort(
    (a, b) => ["CRITICAL", "HIGH", "MEDIUM", "LOW"].indexOf(a.severity) - ["CRITICAL", "HIGH", "MEDIUM", "LOW"].indexOf(b.severity) || a.hostLabel.localeCompare(b.hostLabel),
  );
  const count = (open: boolean) => {
    const c = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
    for (const f of findings) if (!open || f.status === "NEW" || f.status === "CONFIRMED") c[f.severity]++;
    return c;
  };
  return {
    modelVersion: REPORT_MODEL_VERSION,
    generatedAt: "2025-03-11T10:00:00.000Z",
    report: {
      version: 1,
      title: "External attack surface review",
      classification: "CONFIDENTIAL",
      consultantSummary: "The estate is small and mostly well kept.\n\nTwo datastores need attention this week.",
      draftedBy: { name: "Carla Consultant", email: "carla@example.test" },
      publishedBy: { name: "Rita Reviewer", email: "rita@example.test" },
      publishedAt: "2025-03-11T10:00:00.000Z",
    },
    client: { name: "Acme <Widgets> & Co", contact: "security@acme.example" },
    engagement: { name: "Q1 perimeter", scope: "Internet-facing Linux hosts", startsOn: "2025-03-01T00:00:00.000Z", endsOn: "2025-03-31T00:00:00.000Z", firstAuditAt: "2025-03-03T09:12:00.000Z", lastAuditAt: "2025-03-10T09:12:00.000Z" },
    executive: {
      paragraphs: ["We audited 7 hosts for Acme.", "The audit raised findings."],
      open: count(true),
      total: count(false),
      topRisks: findings.filter((f) => f.severity === "CRITICAL").slice(0, 3).map((f) => ({ ref: f.ref, title: f.title, severity: f.severity, hostLabel: f.hostLabel, impact: f.impact })),
    },
    scope: {
      hosts: Array.from({ length: 7 }, (_, i) => ({
        label: `web-${String(i).padStart(2, "0")}.acme.internal`,
        address: `10.0.0.${i + 10}`,
        port: 22,
        exposure: i < 2 ? ("INTERNET" as const) : ("INTERNAL" as const),
        os: "Debian GNU/Linux 12 (bookworm)",
        username: "audit",
        access: "SSH key SHA256:q3X9…",
        auditedAt: ["2025-03-03T09:12:00.000Z", "2025-03-10T09:12:00.000Z"],
        lastOutcome: "DONE",
        findings: 2,
      })),
    },
    findings,
    hardening: [
      {
        id: "step-1",
        title: "Bind Redis to localhost",
        hostLabel: "web-00.acme.internal",
        findingRef: "F-001",
        findingTitle: "Redis reachable without authentication",
        strategy: "BIND_LOCALHOST",
        status: "VERIFIED",
        rationale: "Only the application on the same host uses Redis.",
        before: "redis-server listens on 0.0.0.0:6379.",
        expectedAfter: "redis-server listens on 127.0.0.1:6379 only.",
        commands: ["sed -i 's/^bind .*/bind 127.0.0.1/' /etc/redis/redis.conf", "systemctl restart redis-server"],
        verifyCommands: ["ss -H -tlnp 'sport = :6379'"],
        rollbackCommands: ["cp /etc/redis/redis.conf.palisade-backup /etc/redis/redis.conf", "systemctl restart redis-server"],
        files: [{ path: "/etc/redis/redis.conf", before: "bind 0.0.0.0\nport 6379" }],
        proposedBy: "Carla Consultant",
        approvedBy: "Rita Reviewer",
        approvedAt: "2025-03-10T12:00:00.000Z",
        appliedBy: "Carla Consultant, by hand",
        appliedAt: "2025-03-10T13:00:00.000Z",
        verification: "Verified: the listener is on 127.0.0.1 only",
      },
    ],
    acceptedRisks: [{ findingRef: "F-004", title: "SSH on tcp/22", severity: "LOW", hostLabel: "web-01.acme.internal", justification: "Bastion host; keys only.", requestedBy: "Carla Consultant", approvedBy: "Rita Reviewer", expiresAt: "2025-09-30T00:00:00.000Z" }],
    openItems: findings.slice(0, 3).map((f) => ({ kind: "finding" as const, ref: f.ref, title: f.title, hostLabel: f.hostLabel, severity: f.severity, state: "Open, awaiting triage" })),
    drift: [
      { hostLabel: "web-02.acme.internal", kind: "LISTENER", change: "NEW", key: "tcp/0.0.0.0:9000", summary: "New listener tcp/9000 (node)", status: "OPEN", detectedAt: "2025-03-10T09:12:00.000Z", baselineApprovedAt: "2025-03-04T09:00:00.000Z", baselineApprovedBy: "Rita Reviewer", decidedBy: null, decidedAt: null, findingRef: null },
    ],
    signOffs: [
      { role: "Triaged findings", name: "Rita Reviewer", email: "rita@example.test", what: "Confirmed: 3 findings", at: "2025-03-10T11:00:00.000Z" },
      { role: "Drafted the report", name: "Carla Consultant", email: "carla@example.test", what: "Version 1", at: "2025-03-11T09:00:00.000Z" },
      { role: "Reviewed and published the report", name: "Rita Reviewer", email: "rita@example.test", what: "Version 1", at: "2025-03-11T10:00:00.000Z" },
    ],
    evidence: findings.flatMap((f) => f.evidence.map((e) => ({ ref: e.ref, hostLabel: f.hostLabel, key: "ss-tcp", phase: "discovery", command: e.command, collectedAt: f.lastSeenAt, exitCode: 0, sha256: "ab".repeat(32), bytes: 2048, redacted: false, truncated: false }))),
  };
}
