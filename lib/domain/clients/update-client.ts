import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TClientInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

export async function updateClient({ actor, clientId, input }: { actor: TActor; clientId: string; input: TClientInput }) {
  assertCan(actor, "client.write");
  return inTransaction(async (tx) => {
    const before = await tx.client.findUnique({ where: { id: clientId } });
    if (!before) throw notFound("Client not found");
    const client = await tx.client.update({ where: { id: clientId }, data: input });
    await writeAudit(tx, { actorId: actor.id, action: "client.update", target: `client:${clientId}`, details: { before: { name: before.name, contact: before.contact }, after: input } });
    return client;
  }, `A client named "${input.name}" already exists`);
}
