import type { Prisma } from "@/lib/generated/prisma/client";
import type { HardeningStatus } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit-log";
import type { TTx } from "@/lib/server/db";

export type THardeningEventKind = "proposed" | "edited" | "approved" | "rejected" | "applied" | "execution-queued" | "rollback-queued" | "executed" | "rolled_back" | "failed" | "verified" | "rollback-verified";

// Every transition, edit and execution of a step: one HardeningEvent (the
// step's own history, shown on its page) and one row in the hash-chained
// audit log, in the caller's transaction.
export async function recordHardeningEvent(
  tx: TTx,
  e: { stepId: string; engagementId: string; actorId: string | null; kind: THardeningEventKind; from: HardeningStatus | null; to: HardeningStatus | null; revision: number; comment?: string; details?: Record<string, unknown> },
) {
  await tx.hardeningEvent.create({
    data: { stepId: e.stepId, actorId: e.actorId, kind: e.kind, fromStatus: e.from, toStatus: e.to, revision: e.revision, comment: e.comment ?? "", details: (e.details ?? {}) as Prisma.InputJsonValue },
  });
  await writeAudit(tx, {
    actorId: e.actorId,
    action: `hardening.${e.kind}`,
    target: `hardening-step:${e.stepId}`,
    // The audit row names the change; command output stays in the step's event.
    details: { engagementId: e.engagementId, from: e.from, to: e.to, revision: e.revision, ...(e.comment ? { comment: e.comment.slice(0, 500) } : {}) },
  });
}
