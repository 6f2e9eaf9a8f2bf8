import { redact } from "@/lib/audit/redact";
import { cweOf } from "@/lib/audit/rules";
import type { TTx } from "@/lib/server/db";
import { evidenceRefs, runKey } from "./evidence-refs";
import { excerptOf } from "./excerpt";
import { executiveParagraphs } from "./executive-summary";
import { impactOf } from "./impact";
import { hardeningItems } from "./hardening-items";
import { REPORT_MODEL_VERSION, type TReportFinding, type TReportInput, type TReportModel, type TReportSeverity, type TScopeHost } from "./report-model";
import { signOffs } from "./sign-offs";
import { DECISION_WORD, FINDING_STATUS_WORD, HARDENING_STATUS_WORD, OPEN_FINDING_STATUSES } from "./words";

// Database -> report model. The only file in lib/report that touches Prisma.
// No authorization here: the caller (the report domain) scopes the engagement
// first. Every free text that came from a host or a person goes through
// redact() once more: evidence is redacted when stored, and this guards
// against a rule added since a row was written.

const clean = (text: string) => redact(text).text;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const zero = (): Record<TReportSeverity, number> => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 });
const TOP_RISKS = 5;

function accessOf(host: { username: string; credential: { kind: string; username: string; fingerprint: string | null } | null }): string {
  const c = host.credential;
  if (!c) return "no credential stored";
  if (c.kind === "PRIVATE_KEY") return `SSH key${c.fingerprint ? ` ${c.fingerprint}` : ""}`;
  return "password";
}

function osOf(inventory: unknown): string | null {
  const os = (inventory as { os?: { prettyName?: string | null; name?: string | null } } | null)?.os;
  return os?.prettyName ?? os?.name ?? null;
}

export async function buildReportModel(tx: TTx, input: TReportInput): Promise<TReportModel> {
  const engagementId = input.engagementId;
  const generatedAt = new Date().toISOString();
  const engagement = await tx.engagement.findUniqueOrThrow({
    where: { id: engagementId },
    select: { name: true, scope: true, startsOn: true, endsOn: true, client: { select: { name: true, contact: true } } },
  });
  const [hosts, hostRuns, findings, events, steps, driftRows, baselines] = await Promise.all([
    tx.host.findMany({
      // Archived hosts stay in the report while findings of theirs do.
      where: { engagementId, OR: [{ archivedAt: null }, { findings: { some: {} } }] },
      select: { id: true, label: true, address: true, port: true, exposure: true, username: true, credential: { select: { kind: true, username: true, fingerprint: true } } },
      orderBy: { label: "asc" },
    }),
    tx.hostRun.findMany({
      where: { host: { engagementId }, run: { kind: "AUDIT" }, finishedAt: { not: null } },
      select: { id: true, hostId: true, status: true, finishedAt: true },
      orderBy: { finishedAt: "asc" },
    }),
    tx.finding.findMany({
      where: { engagementId },
      select: {
        id: true, title: true, severity: true, status: true, hostId: true, hostLabel: true, ruleId: true, why: true, severityReason: true, confidence: true, reproduce: true,
        proto: true, port: true, address: true, executable: true, firstSeenAt: true, lastSeenAt: true, timesSeen: true, evidenceKeys: true, lastHostRunId: true,
        acceptanceJustification: true, acceptanceExpiresAt: true,
        acceptanceRequestedBy: { select: { name: true } }, acceptanceApprovedBy: { select: { name: true } },
      },
      orderBy: [{ severityRank: "asc" }, { hostLabel: "asc" }, { title: "asc" }, { id: "asc" }],
    }),
    // Only people's decisions: the system's seen/resolved/reopened events are not sign-offs.
    tx.findingEvent.findMany({
      where: { finding: { engagementId }, actorId: { not: null } },
      select: { findingId: true, at: true, kind: true, toStatus: true, comment: true, actor: { select: { name: true, email: true } } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    }),
    tx.hardeningStep.findMany({
      where: { engagementId },
      select: {
        id: true, title: true, findingId: true, strategy: true, status: true, rationale: true, commands: true, expectedAfter: true, verifyCommands: true, rollbackCommands: true,
        files: true, appliedBy: true, appliedAt: true, host: { select: { label: true } }, finding: { select: { title: true, why: true } },
        proposedBy: { select: { name: true, email: true } }, approvedBy: { select: { name: true, email: true } }, appliedByUser: { select: { name: true, email: true } },
        events: { select: { at: true, kind: true, toStatus: true, comment: true, actor: { select: { name: true, email: true } } }, orderBy: [{ at: "asc" }, { id: "asc" }] },
      },
      orderBy: [{ host: { label: "asc" } }, { createdAt: "asc" }],
    }),
    tx.driftItem.findMany({
      where: { engagementId },
      select: {
        hostRunId: true, kind: true, change: true, key: true, summary: true, status: true, createdAt: true, decidedAt: true, findingId: true, evidenceKeys: true,
        host: { select: { label: true } }, decidedBy: { select: { name: true } }, baseline: { select: { approvedAt: true, approvedBy: { select: { name: true } } } },
      },
      orderBy: [{ host: { label: "asc" } }, { kind: "asc" }, { key: "asc" }],
    }),
    tx.baseline.findMany({
      where: { host: { engagementId } },
      select: { approvedAt: true, note: true, host: { select: { label: true } }, approvedBy: { select: { name: true, email: true } } },
      orderBy: { approvedAt: "asc" },
    }),
  ]);

  // Evidence: the finding's keys on its last host run, and drift's keys on the run that saw it.
  const wanted = [...findings.filter((f) => f.lastHostRunId).map((f) => ({ hostRunId: f.lastHostRunId!, keys: f.evidenceKeys })), ...driftRows.map((d) => ({ hostRunId: d.hostRunId, keys: d.evidenceKeys }))];
  const hostRunIds = [...new Set(wanted.map((w) => w.hostRunId))];
  const keys = [...new Set(wanted.flatMap((w) => w.keys))];
  const evidenceRows =
    hostRunIds.length === 0 || keys.length === 0
      ? []
      : await tx.evidence.findMany({
          where: { hostRunId: { in: hostRunIds }, key: { in: keys } },
          select: { id: true, hostRunId: true, key: true, phase: true, command: true, stdout: true, exitCode: true, startedAt: true, sha256: true, redacted: true, truncated: true, hostRun: { select: { host: { select: { label: true } } } } },
        });
  const refs = evidenceRefs(evidenceRows, wanted);

  // Reports are read top down: F-001 is the most severe finding.
  const findingRef = new Map(findings.map((f, i) => [f.id, `F-${String(i + 1).padStart(findings.length >= 1000 ? 4 : 3, "0")}`]));
  const lastDecision = new Map<string, (typeof events)[number]>();
  for (const e of events) if (e.kind === "status" || e.kind === "comment") lastDecision.set(e.findingId, e);

  const reportFindings: TReportFinding[] = findings.map((f) => {
    const decision = lastDecision.get(f.id);
    const hints = { port: f.port, executable: f.executable };
    return {
      ref: findingRef.get(f.id)!,
      id: f.id,
      title: clean(f.title),
      severity: f.severity,
      status: f.status,
      hostLabel: f.hostLabel,
      hostAddress: f.address ?? "",
      ruleId: f.ruleId,
      cwe: cweOf(f.ruleId),
      why: clean(f.why),
      impact: impactOf(f.ruleId, f.severity),
      severityReason: clean(f.severityReason),
      confidence: f.confidence,
      reproduce: clean(f.reproduce),
      endpoint: f.proto && f.port != null ? `${f.proto}/${f.port}${f.address ? ` on ${f.address}` : ""}` : null,
      executable: f.executable,
      firstSeenAt: f.firstSeenAt.toISOString(),
      lastSeenAt: f.lastSeenAt.toISOString(),
      timesSeen: f.timesSeen,
      evidence: f.lastHostRunId
        ? f.evidenceKeys.flatMap((key) => {
            const ev = refs.byRunKey.get(runKey(f.lastHostRunId!, key));
            return ev ? [{ ref: ev.ref.ref, command: ev.ref.command, ...excerptOf(ev.stdout, hints) }] : [];
          })
        : [],
      triage: decision
        ? {
            decision: decision.kind === "comment" ? "Commented" : (DECISION_WORD[decision.toStatus ?? ""] ?? FINDING_STATUS_WORD[decision.toStatus ?? ""] ?? "Changed status"),
            by: decision.actor?.name ?? "a former user",
            at: decision.at.toISOString(),
            comment: clean(decision.comment),
          }
        : null,
    };
  });

  const total = zero();
  const open = zero();
  for (const f of findings) {
    total[f.severity]++;
    if (OPEN_FINDING_STATUSES.has(f.status)) open[f.severity]++;
  }
  const openFindings = reportFindings.filter((f) => OPEN_FINDING_STATUSES.has(f.status));
  const topRisks = openFindings.filter((f) => f.severity === "CRITICAL" || f.severity === "HIGH").slice(0, TOP_RISKS);

  const runsByHost = new Map<string, typeof hostRuns>();
  for (const r of hostRuns) runsByHost.set(r.hostId, [...(runsByHost.get(r.hostId) ?? []), r]);
  const lastDone = hosts.map((h) => runsByHost.get(h.id)?.filter((r) => r.status === "DONE").at(-1)?.id).filter((id): id is string => Boolean(id));
  const inventories = new Map(
    (lastDone.length ? await tx.hostRun.findMany({ where: { id: { in: lastDone } }, select: { hostId: true, inventory: true } }) : []).map((r) => [r.hostId, osOf(r.inventory)]),
  );
  const findingsPerHost = new Map<string, number>();
  for (const f of findings) findingsPerHost.set(f.hostId, (findingsPerHost.get(f.hostId) ?? 0) + 1);
  const scopeHosts: TScopeHost[] = hosts.map((h) => {
    const runs = runsByHost.get(h.id) ?? [];
    return {
      label: h.label,
      address: h.address,
      port: h.port,
      exposure: h.exposure,
      os: inventories.get(h.id) ?? null,
      username: h.credential?.username ?? h.username,
      access: accessOf(h),
      auditedAt: runs.map((r) => r.finishedAt!.toISOString()),
      lastOutcome: runs.at(-1)?.status ?? null,
      findings: findingsPerHost.get(h.id) ?? 0,
    };
  });
  const auditTimes = hostRuns.map((r) => r.finishedAt!.toISOString());

  const hardening = hardeningItems(steps, findingRef, clean);
  const acceptedRisks = findings
    .filter((f) => f.status === "ACCEPTED_RISK" || f.status === "ACCEPTANCE_REQUESTED")
    .map((f) => ({
      findingRef: findingRef.get(f.id)!,
      title: clean(f.title),
      severity: f.severity,
      hostLabel: f.hostLabel,
      justification: clean(f.acceptanceJustification ?? ""),
      requestedBy: f.acceptanceRequestedBy?.name ?? null,
      approvedBy: f.status === "ACCEPTED_RISK" ? (f.acceptanceApprovedBy?.name ?? null) : null,
      expiresAt: iso(f.acceptanceExpiresAt),
    }));
  const drift = driftRows.map((d) => ({
    hostLabel: d.host.label,
    kind: d.kind,
    change: d.change,
    key: clean(d.key),
    summary: clean(d.summary),
    status: d.status,
    detectedAt: d.createdAt.toISOString(),
    baselineApprovedAt: d.baseline.approvedAt.toISOString(),
    baselineApprovedBy: d.baseline.approvedBy.name,
    decidedBy: d.decidedBy?.name ?? null,
    decidedAt: iso(d.decidedAt),
    findingRef: d.findingId ? (findingRef.get(d.findingId) ?? null) : null,
  }));
  const openItems = [
    ...openFindings.map((f) => ({ kind: "finding" as const, ref: f.ref, title: f.title, hostLabel: f.hostLabel, severity: f.severity, state: FINDING_STATUS_WORD[f.status]! })),
    ...hardening
      .filter((h) => h.status === "PROPOSED" || h.status === "APPROVED" || h.status === "APPLIED" || h.status === "FAILED")
      .map((h) => ({ kind: "hardening" as const, ref: h.findingRef ?? "—", title: h.title, hostLabel: h.hostLabel, severity: null, state: HARDENING_STATUS_WORD[h.status]! })),
    ...drift
      .filter((d) => d.status === "OPEN")
      .map((d) => ({ kind: "drift" as const, ref: "—", title: d.summary, hostLabel: d.hostLabel, severity: null, state: "Drift not yet reviewed" })),
  ];

  return {
    modelVersion: REPORT_MODEL_VERSION,
    generatedAt,
    report: {
      version: input.version,
      title: input.title,
      classification: input.classification,
      consultantSummary: input.summary.trim(),
      draftedBy: input.draftedBy,
      publishedBy: input.publishedBy ?? null,
      publishedAt: iso(input.publishedAt),
    },
    client: { name: engagement.client.name, contact: engagement.client.contact },
    engagement: {
      name: engagement.name,
      scope: engagement.scope,
      startsOn: iso(engagement.startsOn),
      endsOn: iso(engagement.endsOn),
      firstAuditAt: auditTimes[0] ?? null,
      lastAuditAt: auditTimes.at(-1) ?? null,
    },
    executive: {
      paragraphs: executiveParagraphs({
        clientName: engagement.client.name,
        hosts: hosts.length,
        internetHosts: hosts.filter((h) => h.exposure === "INTERNET").length,
        firstAuditAt: auditTimes[0] ?? null,
        lastAuditAt: auditTimes.at(-1) ?? null,
        total,
        open,
        resolved: findings.filter((f) => f.status === "RESOLVED").length,
        acceptedRisks: findings.filter((f) => f.status === "ACCEPTED_RISK").length,
        falsePositives: findings.filter((f) => f.status === "FALSE_POSITIVE").length,
        hardeningVerified: hardening.filter((h) => h.status === "VERIFIED").length,
        hardeningPending: hardening.filter((h) => h.status === "PROPOSED" || h.status === "APPROVED" || h.status === "APPLIED").length,
        driftOpen: drift.filter((d) => d.status === "OPEN").length,
        topRisk: topRisks[0] ? { title: topRisks[0].title, hostLabel: topRisks[0].hostLabel } : null,
      }),
      open,
      total,
      topRisks: topRisks.map((f) => ({ ref: f.ref, title: f.title, severity: f.severity, hostLabel: f.hostLabel, impact: f.impact })),
    },
    scope: { hosts: scopeHosts },
    findings: reportFindings,
    hardening,
    acceptedRisks,
    openItems,
    drift,
    signOffs: signOffs({ input, events, generatedAt, steps, findings, baselines }),
    evidence: refs.list,
  };
}
