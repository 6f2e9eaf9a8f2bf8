import { getBoss } from "@/lib/server/jobs/boss";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { assertApprovedRevision, assertExecutionOn, assertThirdPerson } from "./dual-control";
import { assertNothingQueued, enqueueHardeningJob } from "./enqueue-hardening-job";
import { loadStep } from "./load-step";
import { assertHardeningTransition } from "./transitions";

// Palisade runs an approved step over SSH (engagement setting on), started by
// a third person: neither its approver nor its proposer. The worker records
// APPLIED or FAILED with every command's output (lib/worker/run-hardening-job.ts).
export async function executeHardeningStep({ actor, stepId }: { actor: TActor; stepId: string }) {
  // Started before the transaction: a first start can outlast its timeout.
  await getBoss("web");
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.read");
    assertExecutionOn(step);
    assertApprovedRevision(step, "executed");
    assertHardeningTransition(step.status, "APPLIED", "execution");
    assertThirdPerson(step, actor, { proposerToo: true });
    // Checked last, so a person sees the dual-control reason that applies to them, not just "no permission".
    assertCan(actor, "hardening.apply");
    await assertNothingQueued(tx, step);
    return enqueueHardeningJob(tx, actor, step, "apply");
  });
}
