import type { TEvidence } from "@/lib/audit/audit-types";
import type { THostFacts } from "@/lib/audit/facts";
import { PROC_NET_COMMAND } from "@/lib/audit/verification/commands";
import type { TVerificationChecks } from "@/lib/audit/verification/verify-host";
import type { RunKind } from "@/lib/generated/prisma/enums";
import type { TDb } from "@/lib/server/db";
import { recordHostResult } from "@/lib/worker/record-host-result";

// One finished host run written through the worker's own write path (facts, evidence,
// findings or verification, drift) from facts a test chose: no SSH, everything after it real.
export async function recordTestHostRun(db: TDb, opts: { hostId: string; startedById: string; facts: THostFacts; kind?: RunKind; checks?: TVerificationChecks }) {
  const host = await db.host.findUniqueOrThrow({ where: { id: opts.hostId } });
  const run = await db.run.create({ data: { engagementId: host.engagementId, startedById: opts.startedById, kind: opts.kind ?? "AUDIT", status: "RUNNING" } });
  const hostRun = await db.hostRun.create({ data: { runId: run.id, hostId: host.id, status: "DISCOVERING" } });
  const keys = new Set([
    ...opts.facts.listeners.flatMap((l) => l.evidence),
    ...opts.facts.owners.flatMap((o) => o.evidence),
    ...opts.facts.services.flatMap((s) => s.evidence),
    ...opts.facts.cronJobs.flatMap((c) => c.evidence),
    ...opts.facts.timers.flatMap((t) => t.evidence),
    ...opts.facts.firewalls.flatMap((f) => f.evidence),
    ...(opts.checks?.procNetKeys ?? []),
  ]);
  const evidence: TEvidence[] = [...keys].map((key) => ({
    key,
    phase: key === PROC_NET_COMMAND.id ? "verification" : "discovery",
    commandId: key,
    command: key === "ss-tcp" ? "ss -H -tlnp" : key === PROC_NET_COMMAND.id ? PROC_NET_COMMAND.command : `test-command ${key}`,
    stdout: `output of ${key}`,
    stderr: "",
    exitCode: 0,
    outcome: "ok",
    startedAt: new Date(),
    durationMs: 1,
    sha256: "0".repeat(64),
    truncated: false,
    redacted: false,
  }));
  await recordHostResult({
    hostRunId: hostRun.id,
    runId: run.id,
    kind: opts.kind ?? "AUDIT",
    host,
    startedAt: new Date(),
    result: { ok: true, presentedFingerprint: "SHA256:test", firstContact: false, evidence, facts: opts.facts, probes: [], checks: opts.checks },
    cancelled: false,
  });
  await db.run.update({ where: { id: run.id }, data: { status: "COMPLETED", finishedAt: new Date() } });
  return { runId: run.id, hostRunId: hostRun.id };
}
