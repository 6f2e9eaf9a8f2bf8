import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { assertApprovedRevision, assertThirdPerson } from "./dual-control";
import { assertNothingQueued } from "./enqueue-hardening-job";
import { loadStep, type TLoadedStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

const BY_HAND = {
  applied: { to: "APPLIED", via: "record-applied", kind: "applied", doing: "apply it", commands: (s: TLoadedStep) => s.commands },
  "rolled-back": { to: "ROLLED_BACK", via: "record-rolled-back", kind: "rolled_back", doing: "roll it back", commands: (s: TLoadedStep) => s.rollbackCommands },
} as const;

// Recommend-only (the default), or whenever Palisade did not run it: a person
// ran the approved commands, or the rollback, on the host themselves and says
// so, with what they saw. The rule is the same as for Palisade's runs: not the
// approver. A verification run then shows whether the host agrees.
export async function recordHardeningByHand({ actor, stepId, outcome, comment = "", output = "" }: { actor: TActor; stepId: string; outcome: keyof typeof BY_HAND; comment?: string; output?: string }) {
  const how = BY_HAND[outcome];
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    if (outcome === "applied") assertApprovedRevision(step, "recorded as applied");
    assertHardeningTransition(step.status, how.to, how.via);
    assertThirdPerson(step, actor, { proposerToo: false, doing: how.doing });
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.apply");
    await assertNothingQueued(tx, step);
    const applied = outcome === "applied" ? { appliedById: actor.id, appliedBy: "MANUAL" as const, appliedAt: new Date() } : {};
    const updated = await tx.hardeningStep.update({ where: { id: step.id }, data: { status: how.to, ...applied } });
    await recordHardeningEvent(tx, {
      stepId: step.id,
      engagementId: step.engagementId,
      actorId: actor.id,
      kind: how.kind,
      from: step.status,
      to: how.to,
      revision: step.revision,
      comment: comment.trim(),
      details: { by: "MANUAL", commands: how.commands(step), ...(output.trim() ? { output: output.slice(0, 100_000) } : {}) },
    });
    return updated;
  });
}
