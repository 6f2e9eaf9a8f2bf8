import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export async function removeMember({ actor, engagementId, userId }: { actor: TActor; engagementId: string; userId: string }) {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "engagement.members");
    const { count } = await tx.engagementMember.deleteMany({ where: { engagementId, userId } });
    if (!count) throw notFound("Member not found");
    await writeAudit(tx, { actorId: actor.id, action: "member.remove", target: `engagement:${engagementId}`, details: { userId } });
  });
}
