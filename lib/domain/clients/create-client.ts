import { writeAudit } from "@/lib/server/audit-log";
import { assertCan } from "@/lib/server/permissions";
import type { TClientInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

export async function createClient({ actor, input }: { actor: TActor; input: TClientInput }) {
  assertCan(actor, "client.write");
  return inTransaction(async (tx) => {
    const client = await tx.client.create({ data: input });
    await writeAudit(tx, { actorId: actor.id, action: "client.create", target: `client:${client.id}`, details: { name: client.name } });
    return client;
  }, `A client named "${input.name}" already exists`);
}
