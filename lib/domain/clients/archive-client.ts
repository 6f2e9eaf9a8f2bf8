import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

export async function archiveClient({ actor, clientId, archived = true }: { actor: TActor; clientId: string; archived?: boolean }) {
  assertCan(actor, "client.archive");
  return inTransaction(async (tx) => {
    const found = await tx.client.findUnique({ where: { id: clientId } });
    if (!found) throw notFound("Client not found");
    const client = await tx.client.update({ where: { id: clientId }, data: { archivedAt: archived ? new Date() : null } });
    await writeAudit(tx, { actorId: actor.id, action: archived ? "client.archive" : "client.restore", target: `client:${clientId}` });
    return client;
  });
}
