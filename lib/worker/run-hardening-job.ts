import type { TAuditLimits } from "@/lib/audit/audit-types";
import { runStep, type TStepRunResult } from "@/lib/audit/hardening/run-step";
import type { TStepFile } from "@/lib/audit/hardening/types";
import { openConnection } from "@/lib/audit/ssh/open-connection";
import { runCommand } from "@/lib/audit/ssh/exec";
import { recordHardeningEvent } from "@/lib/domain/hardening/record-hardening-event";
import { assertHardeningTransition, canTransition } from "@/lib/domain/hardening/transitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { HardeningStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import type { THardeningJob } from "@/lib/server/jobs/boss";
import { loadAuditTarget } from "./load-audit-target";

// Restarts, reloads and key generation take longer than discovery's reads.
const MIN_COMMAND_TIMEOUT_MS = 60_000;

type TOutcome = { ok: true; run: TStepRunResult } | { ok: false; run: TStepRunResult | null; error: string };

async function runOverSsh(host: Parameters<typeof loadAuditTarget>[0], step: { commands: string[]; verifyCommands: string[]; files: TStepFile[] }, mode: "apply" | "rollback", limits: TAuditLimits): Promise<TOutcome> {
  const target = loadAuditTarget(host);
  if ("error" in target) return { ok: false, run: null, error: target.error };
  // Changes go only to a host whose key a person has pinned: never trust on first use here.
  if (!target.pinnedFingerprint) return { ok: false, run: null, error: "The host key is not pinned yet: audit the host and approve its key first" };
  let conn;
  try {
    conn = await openConnection(target, { connectTimeoutMs: limits.connectTimeoutMs, maxChannels: 1 });
  } catch (err) {
    return { ok: false, run: null, error: err instanceof Error ? err.message : String(err) };
  }
  try {
    const timeoutMs = Math.max(limits.commandTimeoutMs, MIN_COMMAND_TIMEOUT_MS);
    const run = await runStep(step, mode, (command) => runCommand(conn, command, { timeoutMs, maxOutputBytes: limits.maxOutputBytes }));
    return run.ok ? { ok: true, run } : { ok: false, run, error: `Command ${run.failed!.index + 1} exited ${run.records.findLast((r) => r.phase === mode)?.exitCode ?? "without a code"}: ${run.failed!.command}` };
  } catch (err) {
    return { ok: false, run: null, error: `The connection was lost: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    conn.close();
  }
}

// One queued apply or rollback of a hardening step, start to finish. The step
// must still be what was approved and queued (same revision, same status);
// otherwise nothing runs and the event says why.
export async function runHardeningJob(job: THardeningJob, { limits }: { limits: TAuditLimits }): Promise<void> {
  const step = await db().hardeningStep.findUnique({ where: { id: job.stepId }, include: { host: { include: { credential: { select: { id: true, secret: true } } } } } });
  if (!step) return;
  const via = job.action === "apply" ? "execution" : "rollback";
  const startable = job.action === "apply" ? step.status === "APPROVED" && step.approvedRevision === job.revision : canTransition(step.status, "ROLLED_BACK", "rollback");
  const base = { stepId: step.id, engagementId: step.engagementId, actorId: job.startedById, revision: step.revision };
  if (!startable || step.revision !== job.revision) {
    await db().$transaction((tx) => recordHardeningEvent(tx, { ...base, kind: "failed", from: step.status, to: step.status, comment: `Not run: the step changed after it was queued (now ${step.status.toLowerCase()}, revision ${step.revision}).`, details: { action: job.action, notRun: true } }));
    return;
  }
  const commands = job.action === "apply" ? step.commands : step.rollbackCommands;
  const outcome = await runOverSsh(step.host, { commands, verifyCommands: step.verifyCommands, files: step.files as unknown as TStepFile[] }, job.action, limits);
  const to: HardeningStatus = outcome.ok ? (job.action === "apply" ? "APPLIED" : "ROLLED_BACK") : "FAILED";
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "HardeningStep" WHERE id = ${step.id} FOR UPDATE`;
    const now = await tx.hardeningStep.findUniqueOrThrow({ where: { id: step.id }, select: { status: true } });
    assertHardeningTransition(now.status, to, via);
    const applied = job.action === "apply" && outcome.ok ? { appliedById: job.startedById, appliedBy: "PALISADE", appliedAt: new Date() } : {};
    const files = job.action === "apply" && outcome.run ? { files: outcome.run.files as unknown as Prisma.InputJsonValue } : {};
    await tx.hardeningStep.update({ where: { id: step.id }, data: { status: to, ...applied, ...files } });
    await recordHardeningEvent(tx, {
      ...base,
      kind: outcome.ok ? (job.action === "apply" ? "executed" : "rolled_back") : "failed",
      from: now.status,
      to,
      comment: outcome.ok ? "" : outcome.error,
      details: { action: job.action, records: outcome.run?.records ?? [], notRun: outcome.run?.notRun ?? [], ...(outcome.ok ? {} : { error: outcome.error }) } as Record<string, unknown>,
    });
  });
}

// The job itself broke (not a command): the step keeps its status, and the
// event says so, which also frees the step for another attempt.
export async function recordHardeningJobError(job: THardeningJob, message: string): Promise<void> {
  const step = await db().hardeningStep.findUnique({ where: { id: job.stepId }, select: { id: true, engagementId: true, status: true, revision: true } });
  if (!step) return;
  await db().$transaction((tx) =>
    recordHardeningEvent(tx, { stepId: step.id, engagementId: step.engagementId, actorId: job.startedById, kind: "failed", from: step.status, to: step.status, revision: step.revision, comment: `Palisade could not finish the ${job.action}: ${message}`, details: { action: job.action, error: message } }),
  );
}
