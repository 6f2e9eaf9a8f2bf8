import { AppError } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
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
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    assertHardeningTransition(step.status, "REJECTED", "reject");
    if ((await authorsOfRevision(tx, step)).has(actor.id)) {
      throw new AppError("FORBIDDEN", "You proposed or edited this revision of the step: a different reviewer must review it. Nothing was changed.");
    }
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.approve");
    const updated = await tx.hardeningStep.update({ where: { id: step.id }, data: { status: "REJECTED" } });
    await recordHardeningEvent(tx, { stepId: step.id, engagementId: step.engagementId, actorId: actor.id, kind: "rejected", from: step.status, to: "REJECTED", revision: step.revision, comment: comment.trim() });
    return updated;
  });
}
