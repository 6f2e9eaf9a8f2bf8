import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import type { TEngagementInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export async function updateEngagement({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: TEngagementInput }) {
  return inTransaction(async (tx) => {
    const before = await loadEngagement(tx, actor, engagementId, "engagement.write");
    const client = await tx.client.findFirst({ where: { id: input.clientId, archivedAt: null } });
    if (!client) throw notFound("Client not found");
    const engagement = await tx.engagement.update({ where: { id: engagementId }, data: input });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "engagement.update",
      target: `engagement:${engagementId}`,
      details: { before: { name: before.name, status: before.status, clientId: before.clientId }, after: { name: input.name, status: input.status, clientId: input.clientId } },
    });
    return engagement;
  }, `${input.name}: this client already has an engagement with that name`);
}
