import { randomUUID } from "node:crypto";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { getBoss, HARDENING_QUEUE, type THardeningJob } from "@/lib/server/jobs/boss";
import { txExecutor } from "@/lib/server/jobs/tx-executor";
import type { TTx } from "@/lib/server/db";
import type { TActor } from "../actor";
import type { TLoadedStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";

// One run of the step's commands at a time: a queued job not yet finished
// (its event is the step's latest) blocks another.
export async function assertNothingQueued(tx: TTx, step: TLoadedStep) {
  const last = await tx.hardeningEvent.findFirst({ where: { stepId: step.id }, orderBy: { id: "desc" }, select: { kind: true } });
  if (last?.kind === "execution-queued" || last?.kind === "rollback-queued") throw new AppError("CONFLICT", "Palisade is already running this step on the host; wait for it to finish. Nothing was run.");
}

// Queues the SSH job in the same transaction as its event: both or neither.
export async function enqueueHardeningJob(tx: TTx, actor: TActor, step: TLoadedStep, action: THardeningJob["action"]) {
  const boss = await getBoss("web");
  const jobId = randomUUID();
  await boss.insert(
    [{ id: jobId, name: HARDENING_QUEUE, data: { stepId: step.id, action, revision: step.revision, startedById: actor.id } satisfies THardeningJob, retryLimit: 0, expireInSeconds: env.PALISADE_JOB_EXPIRE_SECONDS }],
    { db: txExecutor(tx) },
  );
  await recordHardeningEvent(tx, {
    stepId: step.id,
    engagementId: step.engagementId,
    actorId: actor.id,
    kind: action === "apply" ? "execution-queued" : "rollback-queued",
    from: step.status,
    to: step.status,
    revision: step.revision,
    details: { jobId, commands: action === "apply" ? step.commands : step.rollbackCommands },
  });
  return { jobId };
}
