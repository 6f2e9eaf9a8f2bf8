import { createHash, randomBytes } from "node:crypto";
import type { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import type { TDb } from "@/lib/server/db";

// Findings for tests, e2e and benchmarks, written directly the way the worker
// stores them: a fingerprint, the severity rank keyset paging sorts by, and
// the lower-case search text the trigram index serves.

export const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export const searchTextOf = (title: string, hostLabel: string) => `${title} ${hostLabel}`.toLowerCase();

export type TEvidenceSeed = { key: string; command: string; stdout: string; stderr?: string; exitCode?: number };

export type TFindingSeed = {
  engagementId: string;
  hostId: string;
  // The host's label; read from the host when not given.
  hostLabel?: string;
  ruleId?: string;
  title?: string;
  severity?: Severity;
  status?: FindingStatus;
  why?: string;
  severityReason?: string;
  confidence?: string;
  reproduce?: string;
  proto?: string;
  port?: number;
  timesSeen?: number;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  triagedAt?: Date | null;
  fingerprint?: string;
  // Raw command output the finding rests on: stored as the evidence of one
  // completed run of the host, started by `runBy`.
  evidence?: TEvidenceSeed[];
  runBy?: string;
};

export async function makeFinding(db: TDb, seed: TFindingSeed) {
  const hostLabel = seed.hostLabel ?? (await db.host.findUniqueOrThrow({ where: { id: seed.hostId }, select: { label: true } })).label;
  const severity = seed.severity ?? "HIGH";
  const title = seed.title ?? `Service reachable without authentication ${randomBytes(2).toString("hex")}`;
  const ruleId = seed.ruleId ?? "exposed-service-no-auth";
  const port = seed.port ?? 8080;
  const proto = seed.proto ?? "tcp";
  const at = seed.lastSeenAt ?? new Date();
  const hostRunId = seed.evidence?.length ? await storeEvidence(db, seed.engagementId, seed.hostId, seed.runBy, seed.evidence, at) : null;
  return db.finding.create({
    data: {
      engagementId: seed.engagementId,
      hostId: seed.hostId,
      fingerprint: seed.fingerprint ?? createHash("sha256").update(`${seed.hostId}|${ruleId}|${proto}|${port}|${randomBytes(8).toString("hex")}`).digest("hex"),
      ruleId,
      title,
      severity,
      severityRank: SEVERITY_RANK[severity],
      status: seed.status ?? "NEW",
      why: seed.why ?? `A process listens on 0.0.0.0:${port} and answered an unauthenticated request.`,
      severityReason: seed.severityReason ?? `${severity.toLowerCase()}: reachable from a non-loopback interface.`,
      confidence: seed.confidence ?? "high",
      reproduce: seed.reproduce ?? `ss -H -tlnp 'sport = :${port}'`,
      proto,
      port,
      hostLabel,
      searchText: searchTextOf(title, hostLabel),
      evidenceKeys: seed.evidence?.map((e) => e.key) ?? [],
      timesSeen: seed.timesSeen ?? 1,
      firstSeenAt: seed.firstSeenAt ?? at,
      lastSeenAt: at,
      lastHostRunId: hostRunId,
      triagedAt: seed.triagedAt ?? null,
    },
  });
}

async function storeEvidence(db: TDb, engagementId: string, hostId: string, runBy: string | undefined, evidence: TEvidenceSeed[], at: Date) {
  if (!runBy) throw new Error("makeFinding: evidence needs runBy, the user who started the run");
  const run = await db.run.create({ data: { engagementId, startedById: runBy, status: "COMPLETED", startedAt: at, finishedAt: at } });
  const hostRun = await db.hostRun.create({ data: { runId: run.id, hostId, status: "DONE", startedAt: at, finishedAt: at, durationMs: 1000, attempts: 1 } });
  await db.evidence.createMany({
    data: evidence.map((e) => ({
      hostRunId: hostRun.id,
      key: e.key,
      phase: "discovery",
      commandId: e.key,
      command: e.command,
      stdout: e.stdout,
      stderr: e.stderr ?? "",
      exitCode: e.exitCode ?? 0,
      outcome: "ok",
      startedAt: at,
      durationMs: 12,
      sha256: createHash("sha256").update(e.stdout).digest("hex"),
    })),
  });
  return hostRun.id;
}
