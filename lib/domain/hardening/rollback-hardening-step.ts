import { AppError } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { assertExecutionOn, assertThirdPerson } from "./dual-control";
import { assertNothingQueued, enqueueHardeningJob } from "./enqueue-hardening-job";
import { loadStep } from "./load-step";
import { canMoveVia, hardeningRefusal } from "./transitions";

// Palisade runs an applied or failed step's rollback commands over SSH, under
// the same rule as executing it: setting on, a third person starts it.
export async function rollbackHardeningStep({ actor, stepId }: { actor: TActor; stepId: string }) {
  await getBoss("web");
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    assertExecutionOn(step);
    if (!canMoveVia(step.status, "rollback")) throw new AppError("CONFLICT", `${hardeningRefusal(step.status, "rollback")}. Nothing was run.`);
    assertThirdPerson(step, actor, { proposerToo: true });
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.apply");
    await assertNothingQueued(tx, step);
    return enqueueHardeningJob(tx, actor, step, "rollback");
  });
}
