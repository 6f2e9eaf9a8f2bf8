import { writeAudit } from "@/lib/server/audit-log";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export async function archiveEngagement({ actor, engagementId, archived = true }: { actor: TActor; engagementId: string; archived?: boolean }) {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "engagement.write");
    const engagement = await tx.engagement.update({ where: { id: engagementId }, data: { archivedAt: archived ? new Date() : null } });
    await writeAudit(tx, { actorId: actor.id, action: archived ? "engagement.archive" : "engagement.restore", target: `engagement:${engagementId}` });
    return engagement;
  });
}
