import { AppError } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { authorsOfRevision, loadStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

// Dual control: a reviewer approves one revision of a step. Whoever proposed
// it or edited it to this revision cannot be the one who approves it.
export async function approveHardeningStep({ actor, stepId, comment = "" }: { actor: TActor; stepId: string; comment?: string }) {
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    assertHardeningTransition(step.status, "APPROVED", "approve");
    if ((await authorsOfRevision(tx, step)).has(actor.id)) {
      throw new AppError("FORBIDDEN", "You proposed or edited this revision of the step: a different reviewer must approve it. Nothing was changed.");
    }
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.approve");
    const updated = await tx.hardeningStep.update({ where: { id: step.id }, data: { status: "APPROVED", approvedById: actor.id, approvedRevision: step.revision } });
    await recordHardeningEvent(tx, { stepId: step.id, engagementId: step.engagementId, actorId: actor.id, kind: "approved", from: step.status, to: "APPROVED", revision: step.revision, comment: comment.trim() });
    return updated;
  });
}
