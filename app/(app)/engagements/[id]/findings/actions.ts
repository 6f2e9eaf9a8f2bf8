"use server";

import { z } from "zod";
import { changeFindingStatus } from "@/lib/domain/findings/change-finding-status";
import { commentOnFinding } from "@/lib/domain/findings/comment-on-finding";
import { FindingStatus } from "@/lib/generated/prisma/enums";
import { formActionFor } from "@/lib/server/action";
import { optionalPlainText, plainText, ZId } from "@/lib/validation/text";

const label = (s: string) => s.toLowerCase().replace(/_/g, " ");

// A calendar day (what <input type="date"> sends); the acceptance lasts to its end, UTC.
const ZExpiryDay = z
  .union([z.literal(""), z.string({ error: "Expiry must be a date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Expiry must be a date (YYYY-MM-DD)")])
  .optional()
  .transform((v) => (v ? new Date(`${v}T23:59:59.999Z`) : undefined))
  .refine((d) => d === undefined || !Number.isNaN(d.getTime()), "Expiry is not a real date");

const ZStatusChange = z.object({
  findingIds: z
    .union([ZId, z.array(ZId).max(1000, "At most 1,000 findings at once")])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  to: z.enum(FindingStatus, { error: "Choose a status" }),
  comment: optionalPlainText("Comment", 2000, { multiline: true }),
  justification: optionalPlainText("Justification", 4000, { multiline: true }),
  expiresAt: ZExpiryDay,
  duplicateOfId: z.union([z.literal(""), ZId]).optional().transform((v) => v || undefined),
});

// Bound to the engagement; one form moves one finding (the drawer) or the
// selected rows (the bulk bar) with one comment, all or nothing.
export const changeFindingStatusAction = formActionFor(ZStatusChange, async ({ actor, data, id }) => {
  const { findingIds, to, comment, justification, expiresAt, duplicateOfId } = data;
  const { changed } = await changeFindingStatus({
    actor,
    engagementId: id,
    findingIds,
    change: { to, comment, ...(justification ? { justification } : {}), ...(expiresAt ? { expiresAt } : {}), ...(duplicateOfId ? { duplicateOfId } : {}) },
  });
  const what = to === "ACCEPTANCE_REQUESTED" ? "Requested risk acceptance for" : to === "ACCEPTED_RISK" ? "Approved the risk acceptance of" : "Marked";
  const tail = to === "ACCEPTANCE_REQUESTED" || to === "ACCEPTED_RISK" ? "" : ` ${label(to)}`;
  return { ok: true, message: `${what} ${changed} finding${changed === 1 ? "" : "s"}${tail}.` };
});

const ZComment = z.object({ comment: plainText("Comment", 2000, { multiline: true }) });

// Bound to the finding.
export const commentOnFindingAction = formActionFor(ZComment, async ({ actor, data, id }) => {
  await commentOnFinding({ actor, findingId: id, comment: data.comment });
  return { ok: true, message: "Comment added." };
});
