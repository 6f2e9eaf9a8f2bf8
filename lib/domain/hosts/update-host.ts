import { writeAudit } from "@/lib/server/audit-log";
import type { THostInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { loadHost } from "../scope";
import { inTransaction } from "../transaction";
import { assertCredentialInEngagement } from "./assert-credential-in-engagement";

export async function updateHost({ actor, hostId, input }: { actor: TActor; hostId: string; input: THostInput }) {
  return inTransaction(async (tx) => {
    const before = await loadHost(tx, actor, hostId, "host.write");
    await assertCredentialInEngagement(tx, before.engagementId, input.credentialId);
    // A new address or port is a different machine: its pinned key no longer applies.
    const moved = before.address !== input.address || before.port !== input.port;
    const host = await tx.host.update({
      where: { id: hostId },
      data: { ...input, label: input.label || input.address, ...(moved ? { hostKeyFingerprint: null } : {}) },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "host.update",
      target: `host:${hostId}`,
      details: { before: { address: before.address, port: before.port, username: before.username, exposure: before.exposure }, after: { address: host.address, port: host.port, username: host.username, exposure: host.exposure }, hostKeyReset: moved },
    });
    return host;
  }, `${input.username}@${input.address}:${input.port} is already in this engagement`);
}
