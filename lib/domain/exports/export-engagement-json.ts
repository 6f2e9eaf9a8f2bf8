import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { exportFilename, openExport, recordExport } from "./export-access";
import { cweOf } from "@/lib/audit/rules";

// Bump when a field changes meaning or goes away; adding optional fields does not.
export const ENGAGEMENT_EXPORT_SCHEMA_VERSION = 1;
export const ENGAGEMENT_EXPORT_SCHEMA_ID = "urn:palisade:schema:engagement-export:1";

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const name = (p: { name: string } | null | undefined) => p?.name ?? null;

// Everything Palisade knows about an engagement as one JSON document, shaped
// by lib/domain/exports/engagement-export.schema.json (documented in the
// README). It never holds a credential: hosts name no key or password, and
// evidence is described by its command and sha256, not its output.
export async function exportEngagementJson({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  const { engagement, client } = await openExport(actor, engagementId);
  const [hosts, runs, findings, steps, drift, evidence] = await Promise.all([
    db().host.findMany({ where: { engagementId }, orderBy: [{ label: "asc" }, { id: "asc" }] }),
    db().run.findMany({ where: { engagementId }, orderBy: { createdAt: "asc" }, include: { startedBy: { select: { name: true } }, hostRuns: { orderBy: { hostId: "asc" } } } }),
    db().finding.findMany({
      where: { engagementId },
      orderBy: [{ severityRank: "asc" }, { id: "asc" }],
      include: { events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } }, acceptanceRequestedBy: { select: { name: true } }, acceptanceApprovedBy: { select: { name: true } } },
    }),
    db().hardeningStep.findMany({
      where: { engagementId },
      orderBy: { createdAt: "asc" },
      include: { proposedBy: { select: { name: true } }, approvedBy: { select: { name: true } }, appliedByUser: { select: { name: true } }, events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } } },
    }),
    db().driftItem.findMany({ where: { engagementId }, orderBy: { createdAt: "asc" }, include: { decidedBy: { select: { name: true } } } }),
    db().evidence.findMany({
      where: { hostRun: { run: { engagementId } } },
      orderBy: [{ hostRunId: "asc" }, { startedAt: "asc" }],
      select: { id: true, hostRunId: true, key: true, phase: true, commandId: true, command: true, exitCode: true, outcome: true, startedAt: true, durationMs: true, sha256: true, truncated: true, redacted: true, hostRun: { select: { runId: true, hostId: true } } },
    }),
  ]);

  const document = {
    $schema: ENGAGEMENT_EXPORT_SCHEMA_ID,
    schemaVersion: ENGAGEMENT_EXPORT_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    exportedBy: { name: actor.name, email: actor.email },
    engagement: {
      id: engagement.id, name: engagement.name, status: engagement.status, scope: engagement.scope,
      startsOn: iso(engagement.startsOn)?.slice(0, 10) ?? null, endsOn: iso(engagement.endsOn)?.slice(0, 10) ?? null,
      hardeningExecution: engagement.hardeningExecution, createdAt: iso(engagement.createdAt), archivedAt: iso(engagement.archivedAt),
    },
    client,
    hosts: hosts.map((h) => ({
      id: h.id, label: h.label, address: h.address, port: h.port, username: h.username, exposure: h.exposure, tags: h.tags,
      hostKeyFingerprint: h.hostKeyFingerprint, hostKeyApprovedAt: iso(h.hostKeyApprovedAt), simulated: h.simulated, archivedAt: iso(h.archivedAt),
    })),
    runs: runs.map((r) => ({
      id: r.id, kind: r.kind, trigger: r.trigger, status: r.status, startedBy: r.startedBy.name,
      createdAt: iso(r.createdAt), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
      hosts: r.hostRuns.map((hr) => ({ id: hr.id, hostId: hr.hostId, status: hr.status, attempts: hr.attempts, startedAt: iso(hr.startedAt), finishedAt: iso(hr.finishedAt), durationMs: hr.durationMs, failureReason: hr.failureReason })),
    })),
    findings: findings.map((f) => ({
      id: f.id, hostId: f.hostId, hostLabel: f.hostLabel, ruleId: f.ruleId, cwe: cweOf(f.ruleId), fingerprint: f.fingerprint, title: f.title, severity: f.severity, status: f.status,
      why: f.why, severityReason: f.severityReason, confidence: f.confidence, reproduce: f.reproduce,
      proto: f.proto, port: f.port, address: f.address, executable: f.executable,
      firstSeenAt: iso(f.firstSeenAt), lastSeenAt: iso(f.lastSeenAt), timesSeen: f.timesSeen, firstRunId: f.firstRunId, lastRunId: f.lastRunId, lastHostRunId: f.lastHostRunId,
      evidenceKeys: f.evidenceKeys, duplicateOfId: f.duplicateOfId, triagedAt: iso(f.triagedAt), resolvedAt: iso(f.resolvedAt),
      acceptance: f.acceptanceJustification
        ? { justification: f.acceptanceJustification, expiresAt: iso(f.acceptanceExpiresAt), requestedBy: name(f.acceptanceRequestedBy), approvedBy: name(f.acceptanceApprovedBy) }
        : null,
      events: f.events.map((e) => ({ at: iso(e.at), kind: e.kind, actor: name(e.actor), fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment, runId: e.runId })),
    })),
    hardeningSteps: steps.map((s) => ({
      id: s.id, hostId: s.hostId, findingId: s.findingId, strategy: s.strategy, title: s.title, rationale: s.rationale, status: s.status,
      revision: s.revision, approvedRevision: s.approvedRevision, commands: s.commands, expectedAfter: s.expectedAfter, verifyCommands: s.verifyCommands, rollbackCommands: s.rollbackCommands,
      // The files a step touches, by path: their earlier content may be configuration with secrets in it.
      files: filePaths(s.files),
      proposedBy: s.proposedBy.name, approvedBy: name(s.approvedBy), appliedBy: name(s.appliedByUser), appliedVia: s.appliedBy, appliedAt: iso(s.appliedAt),
      beforeHostRunId: s.beforeHostRunId, verificationRunId: s.verificationRunId, createdAt: iso(s.createdAt),
      events: s.events.map((e) => ({ at: iso(e.at), kind: e.kind, actor: name(e.actor), fromStatus: e.fromStatus, toStatus: e.toStatus, revision: e.revision, comment: e.comment })),
    })),
    driftItems: drift.map((d) => ({
      id: d.id, hostId: d.hostId, hostRunId: d.hostRunId, baselineId: d.baselineId, kind: d.kind, change: d.change, key: d.key, summary: d.summary,
      status: d.status, decidedBy: name(d.decidedBy), decidedAt: iso(d.decidedAt), findingId: d.findingId, evidenceKeys: d.evidenceKeys, createdAt: iso(d.createdAt),
    })),
    evidence: evidence.map((e) => ({
      id: e.id, runId: e.hostRun.runId, hostRunId: e.hostRunId, hostId: e.hostRun.hostId, key: e.key, phase: e.phase, commandId: e.commandId, command: e.command,
      exitCode: e.exitCode, outcome: e.outcome, startedAt: iso(e.startedAt), durationMs: e.durationMs, sha256: e.sha256, truncated: e.truncated, redacted: e.redacted,
    })),
  };
  await recordExport(actor, engagementId, "json", { hosts: hosts.length, runs: runs.length, findings: findings.length, hardeningSteps: steps.length, driftItems: drift.length, evidence: evidence.length });
  return { document, filename: exportFilename(engagement.name, "palisade-export.json") };
}

export type TEngagementExport = Awaited<ReturnType<typeof exportEngagementJson>>["document"];

function filePaths(files: unknown): string[] {
  return Array.isArray(files) ? files.flatMap((f) => (f && typeof f === "object" && typeof (f as { path?: unknown }).path === "string" ? [(f as { path: string }).path] : [])) : [];
}
