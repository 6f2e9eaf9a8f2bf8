import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import type { TLoadedStep } from "./load-step";

// An approval covers one revision; anything else (a later edit) is not approved.
export function assertApprovedRevision(step: TLoadedStep, doing: string) {
  if (step.status !== "APPROVED") throw new AppError("CONFLICT", `Only an approved step can be ${doing}; this step is ${step.status.toLowerCase().replace(/_/g, " ")}. Nothing was run.`);
  if (step.approvedRevision !== step.revision) throw new AppError("CONFLICT", `Revision ${step.revision} of this step was edited after approval and needs approving again. Nothing was run.`);
}

// The person who applies or rolls back is neither the approver nor (for
// Palisade's execution) the proposer: three people see a change through.
export function assertThirdPerson(step: TLoadedStep, actor: TActor, opts: { proposerToo: boolean; doing?: "apply it" | "roll it back" }) {
  if (step.approvedById === actor.id) throw new AppError("FORBIDDEN", `You approved this step: someone else must ${opts.doing ?? "apply it"}. Nothing was run.`);
  if (opts.proposerToo && step.proposedById === actor.id) throw new AppError("FORBIDDEN", "You proposed this step: someone other than the proposer and the approver must start it. Nothing was run.");
}

export function assertExecutionOn(step: TLoadedStep) {
  if (!step.engagement.hardeningExecution) throw new AppError("FORBIDDEN", "Execution by Palisade is off for this engagement (recommend-only): run the commands yourself and record them as applied. Nothing was run.");
}
