import { createHash, randomBytes } from "node:crypto";
import type { Severity } from "@/lib/generated/prisma/enums";
import { encryptSecret } from "@/lib/server/crypto";
import type { TDb } from "@/lib/server/db";
import { makeClient, makeEngagement, makeUser } from "./factories";
import { SEVERITY_RANK, searchTextOf } from "./findings-factory";

// An engagement with everything a report shows: hosts audited with a stored
// credential, findings with evidence and triage, hardening steps with their
// approvals, accepted risks, a baseline and drift. Shared by the report's
// integration test and `npm run bench -- report`. Rows are written in bulk so
// 5,000 findings take seconds.
//
// It also plants what a report must never print (a credential's password, a
// secret in an old unredacted evidence row and in a hardened file's old
// content) and host output full of markup, which must print as text.

export const REPORT_FIXTURE_SECRETS = ["Pl4n-Cred3ntial-Passw0rd", "R3disFixtureS3cret", "OldConfigT0kenValue"] as const;
// One line, printed right after the first finding's listener so its excerpt shows it.
export const HOSTILE_HOST_OUTPUT = `<script>alert(1)</script><h1>owned</h1><img src=x onerror="alert(2)">`;

const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW", "LOW", "LOW"];
const RULES = ["exposed-unauthenticated-datastore", "plain-http-exposed", "monitoring-endpoint-exposed", "recently-restarted-listener", "ssh-exposed"];
const PROGRAMS = ["redis-server", "node", "python3", "java", "nginx"];

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

export async function seedReportEngagement(db: TDb, opts: { findings: number; hosts: number }) {
  const tag = randomBytes(3).toString("hex");
  const { actor: consultant } = await makeUser(db, { role: "CONSULTANT", name: `Carla Consultant ${tag}` });
  const { actor: reviewer } = await makeUser(db, { role: "REVIEWER", name: `Rita Reviewer ${tag}` });
  const { actor: operator } = await makeUser(db, { role: "CONSULTANT", name: `Omar Operator ${tag}` });
  const client = await makeClient(db, { name: `Acme Widgets ${tag}` });
  const engagement = await makeEngagement(db, { clientId: client.id, name: `Perimeter review ${tag}`, memberIds: [consultant.id, reviewer.id, operator.id] });
  const engagementId = engagement.id;

  const credentialId = `cred${tag}${randomBytes(6).toString("hex")}`;
  await db.credential.create({
    data: { id: credentialId, engagementId, label: "audit password", kind: "PASSWORD", username: "auditor", secret: encryptSecret(JSON.stringify({ password: REPORT_FIXTURE_SECRETS[0] }), credentialId) },
  });
  const hostCount = Math.max(1, opts.hosts);
  await db.host.createMany({
    data: Array.from({ length: hostCount }, (_, i) => ({
      engagementId,
      label: `${i === 0 ? "edge" : "app"}-${String(i).padStart(3, "0")}.acme.test`,
      address: `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      username: "auditor",
      exposure: i % 4 === 0 ? ("INTERNET" as const) : ("INTERNAL" as const),
      credentialId,
    })),
  });
  const hosts = await db.host.findMany({ where: { engagementId }, select: { id: true, label: true }, orderBy: { label: "asc" } });

  const at = new Date(Date.now() - 86_400_000);
  const run = await db.run.create({ data: { engagementId, startedById: consultant.id, status: "COMPLETED", startedAt: at, finishedAt: at } });
  await db.hostRun.createMany({
    data: hosts.map((h) => ({ runId: run.id, hostId: h.id, status: "DONE" as const, startedAt: at, finishedAt: at, durationMs: 4200, attempts: 1, inventory: { os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)", name: "Debian GNU/Linux" } } })),
  });
  const hostRuns = await db.hostRun.findMany({ where: { runId: run.id }, select: { id: true, hostId: true } });
  const hostRunOf = new Map(hostRuns.map((r) => [r.hostId, r.id]));

  // Findings: one listener each, spread over the hosts.
  const findings = Array.from({ length: opts.findings }, (_, i) => {
    const host = hosts[i % hostCount]!;
    const severity = SEVERITIES[i % SEVERITIES.length]!;
    const port = 3000 + Math.floor(i / hostCount);
    const program = PROGRAMS[i % PROGRAMS.length]!;
    const title = `${program} on tcp/${port} reachable from the network`;
    const status = i % 11 === 3 ? "ACCEPTED_RISK" : i % 13 === 5 ? "FALSE_POSITIVE" : i % 7 === 2 ? "RESOLVED" : i % 3 === 0 ? "CONFIRMED" : "NEW";
    return {
      id: `rf${tag}${String(i).padStart(6, "0")}`,
      engagementId,
      hostId: host.id,
      fingerprint: sha(`${tag}|${i}`),
      ruleId: RULES[i % RULES.length]!,
      title,
      severity,
      severityRank: SEVERITY_RANK[severity],
      status: status as "NEW",
      why: `${program} (pid ${1000 + i}) listens on 0.0.0.0:${port} and answered a request without credentials.`,
      severityReason: `${severity.toLowerCase()}: reachable from a non-loopback interface.`,
      confidence: "high",
      reproduce: `ss -H -tlnp 'sport = :${port}'`,
      proto: "tcp",
      port,
      address: "0.0.0.0",
      executable: `/usr/bin/${program}`,
      hostLabel: host.label,
      searchText: searchTextOf(title, host.label),
      evidenceKeys: i === 0 ? ["ss-tcp", "proc-cmdline"] : ["ss-tcp"],
      firstSeenAt: at,
      lastSeenAt: at,
      lastRunId: run.id,
      lastHostRunId: hostRunOf.get(host.id)!,
      acceptanceJustification: status === "ACCEPTED_RISK" ? "Internal tooling behind the VPN; replaced next quarter." : null,
      acceptanceExpiresAt: status === "ACCEPTED_RISK" ? new Date(Date.now() + 90 * 86_400_000) : null,
      acceptanceRequestedById: status === "ACCEPTED_RISK" ? consultant.id : null,
      acceptanceApprovedById: status === "ACCEPTED_RISK" ? reviewer.id : null,
      triagedAt: status === "NEW" ? null : at,
    };
  });
  for (let i = 0; i < findings.length; i += 2000) await db.finding.createMany({ data: findings.slice(i, i + 2000) });

  // Evidence: each host's ss output lists its findings' ports; the first host also printed
  // markup, and an old unredacted command line with a password.
  await db.evidence.createMany({
    data: hosts.flatMap((h, hi) => {
      const lines = findings.filter((f) => f.hostId === h.id).map((f) => `LISTEN 0 511 0.0.0.0:${f.port} 0.0.0.0:* users:(("${f.executable.split("/").pop()}",pid=${f.port},fd=6))`);
      const stdout = (hi === 0 ? [lines[0], HOSTILE_HOST_OUTPUT, ...lines.slice(1)] : lines).join("\n");
      const rows = [{ key: "ss-tcp", command: "ss -H -tlnp", stdout }];
      if (hi === 0) rows.push({ key: "proc-cmdline", command: "tr '\\0' ' ' < /proc/3000/cmdline", stdout: `/usr/bin/redis-server *:3000 --requirepass ${REPORT_FIXTURE_SECRETS[1]}` });
      return rows.map((r) => ({ hostRunId: hostRunOf.get(h.id)!, key: r.key, phase: "discovery", commandId: r.key, command: r.command, stdout: r.stdout, stderr: "", exitCode: 0, outcome: "ok", startedAt: at, durationMs: 30, sha256: sha(r.stdout) }));
    }),
  });

  // Triage: the reviewer's decisions, and the consultant's requests the reviewer approved.
  await db.findingEvent.createMany({
    data: findings.flatMap((f) => {
      if (f.status === "NEW" || f.status === "RESOLVED") return [];
      if (f.status === "ACCEPTED_RISK")
        return [
          { findingId: f.id, actorId: consultant.id, at, kind: "status", fromStatus: "NEW" as const, toStatus: "ACCEPTANCE_REQUESTED" as const, comment: "Behind the VPN" },
          { findingId: f.id, actorId: reviewer.id, at, kind: "status", fromStatus: "ACCEPTANCE_REQUESTED" as const, toStatus: "ACCEPTED_RISK" as const, comment: "Agreed until replacement" },
        ];
      return [{ findingId: f.id, actorId: reviewer.id, at, kind: "status", fromStatus: "NEW" as const, toStatus: f.status, comment: f.status === "FALSE_POSITIVE" ? "Test fixture, not a service" : "" }];
    }),
  });

  // Hardening: one step per twenty findings, in every state worth printing.
  const stepFindings = findings.filter((_, i) => i % 20 === 0);
  const stepStatuses = ["VERIFIED", "APPROVED", "PROPOSED", "APPLIED"] as const;
  const steps = stepFindings.map((f, i) => ({
    id: `hs${tag}${String(i).padStart(6, "0")}`,
    engagementId,
    hostId: f.hostId,
    findingId: f.id,
    strategy: "BIND_LOCALHOST" as const,
    title: `Bind ${f.executable.split("/").pop()} on tcp/${f.port} to localhost`,
    rationale: "Only local clients use it; binding to 127.0.0.1 removes the exposure without a firewall change.",
    commands: [`sed -i 's/^bind .*/bind 127.0.0.1/' /etc/app/${f.port}.conf`, "systemctl restart app"],
    expectedAfter: `Nothing listens on tcp/${f.port} outside 127.0.0.1.`,
    verifyCommands: [`ss -H -tln 'sport = :${f.port}'`],
    rollbackCommands: [`cp /etc/app/${f.port}.conf.bak /etc/app/${f.port}.conf`, "systemctl restart app"],
    files: [{ path: `/etc/app/${f.port}.conf`, before: `bind 0.0.0.0\nport ${f.port}\napi_token = ${REPORT_FIXTURE_SECRETS[2]}` }],
    status: stepStatuses[i % stepStatuses.length]!,
    approvedRevision: stepStatuses[i % stepStatuses.length] === "PROPOSED" ? null : 1,
    proposedById: consultant.id,
    approvedById: stepStatuses[i % stepStatuses.length] === "PROPOSED" ? null : reviewer.id,
    appliedById: ["VERIFIED", "APPLIED"].includes(stepStatuses[i % stepStatuses.length]!) ? operator.id : null,
    appliedBy: ["VERIFIED", "APPLIED"].includes(stepStatuses[i % stepStatuses.length]!) ? "MANUAL" : null,
    appliedAt: ["VERIFIED", "APPLIED"].includes(stepStatuses[i % stepStatuses.length]!) ? at : null,
  }));
  if (steps.length > 0) await db.hardeningStep.createMany({ data: steps });
  await db.hardeningEvent.createMany({
    data: steps.flatMap((s) => [
      { stepId: s.id, actorId: consultant.id, at, kind: "proposed", toStatus: "PROPOSED" as const, revision: 1 },
      ...(s.approvedById ? [{ stepId: s.id, actorId: reviewer.id, at, kind: "approved", fromStatus: "PROPOSED" as const, toStatus: "APPROVED" as const, revision: 1 }] : []),
      ...(s.status === "VERIFIED" ? [{ stepId: s.id, actorId: null, at, kind: "verified", fromStatus: "APPLIED" as const, toStatus: "VERIFIED" as const, revision: 1, comment: "the listener is on 127.0.0.1 only" }] : []),
    ]),
  });

  // A baseline per host, approved by the reviewer, and a new listener on every tenth host since.
  await db.baseline.createMany({ data: hosts.map((h) => ({ hostId: h.id, hostRunId: hostRunOf.get(h.id)!, items: [], approvedById: reviewer.id, approvedAt: at })) });
  const baselines = await db.baseline.findMany({ where: { host: { engagementId } }, select: { id: true, hostId: true } });
  await db.driftItem.createMany({
    data: baselines
      .filter((_, i) => i % 10 === 0)
      .map((b) => ({ engagementId, hostId: b.hostId, hostRunId: hostRunOf.get(b.hostId)!, baselineId: b.id, kind: "LISTENER" as const, change: "NEW" as const, key: "tcp/0.0.0.0:9999", summary: "New listener tcp/9999 (python3 -m http.server)", evidenceKeys: ["ss-tcp"] })),
  });

  return { engagementId, clientName: client.name, engagementName: engagement.name, consultant, reviewer, operator, findings, hosts };
}
