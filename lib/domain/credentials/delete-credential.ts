import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";

// Hosts that used it keep existing, with no credential.
export async function deleteCredential({ actor, credentialId }: { actor: TActor; credentialId: string }) {
  return inTransaction(async (tx) => {
    const credential = await tx.credential.findFirst({ where: { id: credentialId, engagement: engagementScope(actor) } });
    if (!credential) throw notFound("Credential not found");
    assertCan(actor, "credential.write");
    await tx.credential.delete({ where: { id: credentialId } });
    await writeAudit(tx, { actorId: actor.id, action: "credential.delete", target: `credential:${credentialId}`, details: { engagementId: credential.engagementId, label: credential.label } });
  });
}
