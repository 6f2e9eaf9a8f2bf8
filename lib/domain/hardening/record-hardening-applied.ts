import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { assertApprovedRevision, assertThirdPerson } from "./dual-control";
import { loadStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

// Recommend-only (the default): a consultant ran the approved commands by
// hand and says so, with what they saw. Not the approver.
export async function recordHardeningApplied({ actor, stepId, comment = "", output = "" }: { actor: TActor; stepId: string; comment?: string; output?: string }) {
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    assertApprovedRevision(step, "recorded as applied");
    assertHardeningTransition(step.status, "APPLIED", "record-applied");
    assertThirdPerson(step, actor, { proposerToo: false });
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.apply");
    const updated = await tx.hardeningStep.update({ where: { id: step.id }, data: { status: "APPLIED", appliedById: actor.id, appliedBy: "MANUAL", appliedAt: new Date() } });
    await recordHardeningEvent(tx, {
      stepId: step.id,
      engagementId: step.engagementId,
      actorId: actor.id,
      kind: "applied",
      from: step.status,
      to: "APPLIED",
      revision: step.revision,
      comment: comment.trim(),
      details: { by: "MANUAL", commands: step.commands, ...(output.trim() ? { output: output.slice(0, 100_000) } : {}) },
    });
    return updated;
  });
}
