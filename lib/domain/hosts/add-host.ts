import { writeAudit } from "@/lib/server/audit-log";
import type { THostInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";
import { assertCredentialInEngagement } from "./assert-credential-in-engagement";

export async function addHost({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: THostInput }) {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "host.write");
    await assertCredentialInEngagement(tx, engagementId, input.credentialId);
    const host = await tx.host.create({ data: { ...input, label: input.label || input.address, engagementId } });
    await writeAudit(tx, { actorId: actor.id, action: "host.create", target: `host:${host.id}`, details: { engagementId, address: host.address, port: host.port, username: host.username } });
    return host;
  }, `${input.username}@${input.address}:${input.port} is already in this engagement`);
}
