import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";

export async function commentOnFinding({ actor, findingId, comment }: { actor: TActor; findingId: string; comment: string }) {
  const text = comment.trim();
  if (!text) throw new AppError("VALIDATION", "Write a comment first", { comment: ["Required"] });
  return inTransaction(async (tx) => {
    const finding = await tx.finding.findFirst({ where: { id: findingId, engagement: engagementScope(actor) }, select: { id: true, engagementId: true } });
    if (!finding) throw notFound("Finding not found");
    assertCan(actor, "finding.triage");
    const event = await tx.findingEvent.create({ data: { findingId, actorId: actor.id, kind: "comment", comment: text } });
    await writeAudit(tx, { actorId: actor.id, action: "finding.comment", target: `finding:${findingId}`, details: { engagementId: finding.engagementId } });
    return event;
  });
}
