import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { authorsOfRevision, loadStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

// A reviewer turns a proposal down, saying why; an edit can propose it again.
// The same separation as approval: authors do not review their own step.
export async function rejectHardeningStep({ actor, stepId, comment }: { actor: TActor; stepId: string; comment: string }) {
  if (!comment.trim()) throw new AppError("VALIDATION", "Say why the step is rejected. Nothing was changed.", { comment: ["Required"] });
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.approve");
    assertHardeningTransition(step.status, "REJECTED", "reject");
    if ((await authorsOfRevision(tx, step)).has(actor.id)) {
      throw new AppError("FORBIDDEN", "You proposed or edited this revision of the step: a different reviewer must review it. Nothing was changed.");
    }
    const updated = await tx.hardeningStep.update({ where: { id: step.id }, data: { status: "REJECTED" } });
    await recordHardeningEvent(tx, { stepId: step.id, engagementId: step.engagementId, actorId: actor.id, kind: "rejected", from: step.status, to: "REJECTED", revision: step.revision, comment: comment.trim() });
    return updated;
  });
}
