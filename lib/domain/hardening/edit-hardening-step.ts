import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadStep } from "./load-step";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

const ZLines = z.array(z.string().trim().min(1).max(4000)).max(100);
export const ZHardeningEdit = z.object({
  title: z.string().trim().min(1).max(200),
  rationale: z.string().trim().min(1).max(10_000),
  commands: ZLines.min(1, "At least one command"),
  expectedAfter: z.string().trim().min(1).max(4000),
  verifyCommands: ZLines.min(1, "At least one verify command"),
  rollbackCommands: ZLines.min(1, "At least one rollback command"),
  comment: z.string().trim().min(1, "Say why you changed it").max(2000),
});
export type THardeningEdit = z.infer<typeof ZHardeningEdit>;

const FIELDS = ["title", "rationale", "commands", "expectedAfter", "verifyCommands", "rollbackCommands"] as const;

// A consultant changes a step before it runs. The edit is a new revision with
// its diff recorded; an approved step goes back to PROPOSED, because an
// approval covers the revision the reviewer read, not this one.
export async function editHardeningStep({ actor, stepId, edit }: { actor: TActor; stepId: string; edit: THardeningEdit }) {
  const parsed = ZHardeningEdit.safeParse(edit);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields. Nothing was changed.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { comment, ...next } = parsed.data;
  return inTransaction(async (tx) => {
    const step = await loadStep(tx, actor, stepId, "hardening.propose");
    assertHardeningTransition(step.status, "PROPOSED", "edit");
    const diff = Object.fromEntries(FIELDS.filter((f) => JSON.stringify(step[f]) !== JSON.stringify(next[f])).map((f) => [f, { before: step[f], after: next[f] }]));
    if (!Object.keys(diff).length) throw new AppError("VALIDATION", "Nothing differs from the current revision. Nothing was changed.");
    const revision = step.revision + 1;
    const updated = await tx.hardeningStep.update({
      where: { id: step.id },
      data: { ...next, revision, status: "PROPOSED", approvedById: null, approvedRevision: null },
    });
    await recordHardeningEvent(tx, { stepId: step.id, engagementId: step.engagementId, actorId: actor.id, kind: "edited", from: step.status, to: "PROPOSED", revision, comment, details: { diff } });
    return updated;
  });
}
