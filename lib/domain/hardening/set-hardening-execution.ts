import { writeAudit } from "@/lib/server/audit-log";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// Turns Palisade's execution of approved hardening steps on or off for an
// engagement (off by default: recommend-only). Who may change the engagement
// may change this; every change is in the audit log.
export async function setHardeningExecution({ actor, engagementId, enabled }: { actor: TActor; engagementId: string; enabled: boolean }) {
  return inTransaction(async (tx) => {
    const engagement = await loadEngagement(tx, actor, engagementId, "engagement.write");
    if (engagement.hardeningExecution === enabled) return engagement;
    const updated = await tx.engagement.update({ where: { id: engagementId }, data: { hardeningExecution: enabled } });
    await writeAudit(tx, { actorId: actor.id, action: "engagement.hardening-execution", target: `engagement:${engagementId}`, details: { from: engagement.hardeningExecution, to: enabled } });
    return updated;
  });
}
