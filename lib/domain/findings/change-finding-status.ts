import type { FindingStatus } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit-log";
import { AppError, forbidden, notFound } from "@/lib/server/errors";
import { can } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";
import { refusal, transitionFor, type TRequirement } from "./transitions";

export type TStatusChange = {
  to: FindingStatus;
  comment: string;
  // For ACCEPTANCE_REQUESTED
  justification?: string;
  expiresAt?: Date;
  // For DUPLICATE
  duplicateOfId?: string;
};

const MAX_ACCEPTANCE_DAYS = 366;

function checkRequirement(requirement: TRequirement, change: TStatusChange, actor: TActor, finding: { id: string; acceptanceRequestedById: string | null }) {
  switch (requirement) {
    case "comment":
      if (!change.comment.trim()) throw new AppError("VALIDATION", "Say why in a comment", { comment: ["A comment is required for this change"] });
      return;
    case "justification-and-expiry": {
      if (!change.justification?.trim()) throw new AppError("VALIDATION", "A risk acceptance needs a justification", { justification: ["Required"] });
      const now = Date.now();
      if (!change.expiresAt || change.expiresAt.getTime() <= now) throw new AppError("VALIDATION", "A risk acceptance needs an expiry date in the future", { expiresAt: ["Must be in the future"] });
      if (change.expiresAt.getTime() > now + MAX_ACCEPTANCE_DAYS * 86_400_000) throw new AppError("VALIDATION", "A risk acceptance may last a year at most", { expiresAt: ["At most a year from now"] });
      return;
    }
    case "duplicate-of":
      if (!change.duplicateOfId) throw new AppError("VALIDATION", "Say which finding this duplicates", { duplicateOfId: ["Required"] });
      if (change.duplicateOfId === finding.id) throw new AppError("VALIDATION", "A finding cannot duplicate itself");
      return;
    case "different-reviewer":
      if (!can(actor.role, "finding.approve-risk")) throw forbidden("Only a reviewer can approve a risk acceptance");
      if (finding.acceptanceRequestedById === actor.id) throw new AppError("FORBIDDEN", "You requested this risk acceptance: a different reviewer must approve it");
      return;
  }
}

function fieldsFor(to: FindingStatus, change: TStatusChange, actor: TActor) {
  switch (to) {
    case "ACCEPTANCE_REQUESTED":
      return { acceptanceJustification: change.justification!.trim(), acceptanceExpiresAt: change.expiresAt!, acceptanceRequestedById: actor.id, acceptanceApprovedById: null };
    case "ACCEPTED_RISK":
      return { acceptanceApprovedById: actor.id };
    case "DUPLICATE":
      return { duplicateOfId: change.duplicateOfId! };
    case "CONFIRMED":
      // A rejected, withdrawn or revoked acceptance leaves no live acceptance behind.
      return { acceptanceJustification: null, acceptanceExpiresAt: null, acceptanceRequestedById: null, acceptanceApprovedById: null, duplicateOfId: null };
    default:
      return {};
  }
}

// Moves one or many findings of an engagement to a new status with one
// comment. All or nothing: if any finding may not make the move, nothing is
// written and the error says why.
export async function changeFindingStatus({ actor, engagementId, findingIds, change }: { actor: TActor; engagementId: string; findingIds: string[]; change: TStatusChange }) {
  const ids = [...new Set(findingIds)];
  if (!ids.length) throw new AppError("VALIDATION", "Select at least one finding");
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "finding.triage");
    const findings = await tx.finding.findMany({ where: { engagementId, id: { in: ids } }, select: { id: true, status: true, title: true, hostLabel: true, acceptanceRequestedById: true } });
    if (findings.length !== ids.length) throw notFound("Finding not found");
    if (change.duplicateOfId && !(await tx.finding.findFirst({ where: { id: change.duplicateOfId, engagementId }, select: { id: true } }))) throw notFound("The finding it duplicates was not found");

    for (const finding of findings) {
      const transition = transitionFor(finding.status, change.to, "person");
      if (!transition) {
        const prefix = findings.length > 1 ? `${finding.title} on ${finding.hostLabel}: ` : "";
        throw new AppError("VALIDATION", `${prefix}${refusal(finding.status, change.to)}. Nothing was changed.`);
      }
      for (const requirement of transition.requires ?? []) checkRequirement(requirement, change, actor, finding);
    }

    const now = new Date();
    const fields = fieldsFor(change.to, change, actor);
    await tx.finding.updateMany({ where: { id: { in: ids } }, data: { status: change.to, ...fields } });
    await tx.finding.updateMany({ where: { id: { in: ids }, triagedAt: null }, data: { triagedAt: now } });
    await tx.findingEvent.createMany({
      data: findings.map((f) => ({ findingId: f.id, actorId: actor.id, at: now, kind: "status", fromStatus: f.status, toStatus: change.to, comment: change.comment.trim() })),
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "finding.status",
      target: `engagement:${engagementId}`,
      details: { to: change.to, count: ids.length, findingIds: ids.slice(0, 50), comment: change.comment.trim().slice(0, 500) },
    });
    return { changed: ids.length };
  });
}
