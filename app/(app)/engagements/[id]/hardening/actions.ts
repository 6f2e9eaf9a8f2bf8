"use server";

import { z } from "zod";
import { approveHardeningStep } from "@/lib/domain/hardening/approve-hardening-step";
import { editHardeningStep } from "@/lib/domain/hardening/edit-hardening-step";
import { executeHardeningStep } from "@/lib/domain/hardening/execute-hardening-step";
import { proposeHardening } from "@/lib/domain/hardening/propose-hardening";
import { recordHardeningByHand } from "@/lib/domain/hardening/record-hardening-by-hand";
import { rejectHardeningStep } from "@/lib/domain/hardening/reject-hardening-step";
import { rollbackHardeningStep } from "@/lib/domain/hardening/rollback-hardening-step";
import { setHardeningExecution } from "@/lib/domain/hardening/set-hardening-execution";
import { formActionFor } from "@/lib/server/action";
import { optionalPlainText, plainText } from "@/lib/validation/text";

// Shell commands hold < > | & and quotes, so they are not "plain text"; only
// control characters are refused. One command a line; blank lines dropped.
const ZCommandLines = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .max(100_000, `${label} are too long`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), `${label} contain control characters`)
    .transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
    .refine((lines) => lines.length > 0, `${label}: at least one`);

const ZNone = z.object({});

// Bound to the finding.
export const proposeHardeningAction = formActionFor(ZNone, async ({ actor, id }) => {
  const step = await proposeHardening({ actor, findingId: id });
  return { ok: true, message: `Proposed: ${step.title}. A reviewer other than you approves it.` };
});

const ZEdit = z.object({
  title: plainText("Title", 200),
  rationale: plainText("Rationale", 10_000, { multiline: true }),
  commands: ZCommandLines("Commands"),
  expectedAfter: plainText("Expected after", 4000, { multiline: true }),
  verifyCommands: ZCommandLines("Verify commands"),
  rollbackCommands: ZCommandLines("Rollback commands"),
  comment: plainText("Why you changed it", 2000, { multiline: true }),
});

// The rest are bound to the step.
export const editHardeningStepAction = formActionFor(ZEdit, async ({ actor, data, id }) => {
  const step = await editHardeningStep({ actor, stepId: id, edit: data });
  return { ok: true, message: `Saved as revision ${step.revision}. It needs approving again.` };
});

const ZComment = z.object({ comment: optionalPlainText("Comment", 2000, { multiline: true }) });

export const approveHardeningStepAction = formActionFor(ZComment, async ({ actor, data, id }) => {
  const step = await approveHardeningStep({ actor, stepId: id, comment: data.comment });
  return { ok: true, message: `Approved revision ${step.revision}.` };
});

export const rejectHardeningStepAction = formActionFor(ZComment, async ({ actor, data, id }) => {
  await rejectHardeningStep({ actor, stepId: id, comment: data.comment });
  return { ok: true, message: "Rejected." };
});

const ZByHand = z.object({ comment: optionalPlainText("Comment", 2000, { multiline: true }), output: z.string().max(100_000).default("") });

export const recordHardeningAppliedAction = formActionFor(ZByHand, async ({ actor, data, id }) => {
  await recordHardeningByHand({ actor, stepId: id, outcome: "applied", ...data });
  return { ok: true, message: "Recorded as applied. A verification run confirms it." };
});

export const recordHardeningRolledBackAction = formActionFor(ZByHand, async ({ actor, data, id }) => {
  await recordHardeningByHand({ actor, stepId: id, outcome: "rolled-back", ...data });
  return { ok: true, message: "Recorded as rolled back. A verification run compares the host with how it was before the step." };
});

export const executeHardeningStepAction = formActionFor(ZNone, async ({ actor, id }) => {
  await executeHardeningStep({ actor, stepId: id });
  return { ok: true, message: "Queued: Palisade runs the commands on the host now. Reload to see the outcome." };
});

export const rollbackHardeningStepAction = formActionFor(ZNone, async ({ actor, id }) => {
  await rollbackHardeningStep({ actor, stepId: id });
  return { ok: true, message: "Queued: Palisade runs the rollback commands on the host now. Reload to see the outcome." };
});

// Bound to the engagement.
export const setHardeningExecutionAction = formActionFor(z.object({ enabled: z.enum(["true", "false"]) }), async ({ actor, data, id }) => {
  const e = await setHardeningExecution({ actor, engagementId: id, enabled: data.enabled === "true" });
  return { ok: true, message: e.hardeningExecution ? "Palisade may now run approved steps over SSH." : "Recommend-only: Palisade no longer runs steps." };
});
