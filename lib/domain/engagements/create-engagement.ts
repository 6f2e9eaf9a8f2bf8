import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TEngagementInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

// The creator becomes the engagement's first member.
export async function createEngagement({ actor, input }: { actor: TActor; input: TEngagementInput }) {
  assertCan(actor, "engagement.create");
  return inTransaction(async (tx) => {
    const client = await tx.client.findFirst({ where: { id: input.clientId, archivedAt: null } });
    if (!client) throw notFound("Client not found");
    const engagement = await tx.engagement.create({
      data: { ...input, members: { create: { userId: actor.id } } },
    });
    await writeAudit(tx, { actorId: actor.id, action: "engagement.create", target: `engagement:${engagement.id}`, details: { name: engagement.name, clientId: client.id } });
    return engagement;
  }, `${input.name}: this client already has an engagement with that name`);
}
