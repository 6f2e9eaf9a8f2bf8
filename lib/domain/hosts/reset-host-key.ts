import { writeAudit } from "@/lib/server/audit-log";
import type { TActor } from "../actor";
import { loadHost } from "../scope";
import { inTransaction } from "../transaction";

// After a legitimate re-key (reinstall), a person clears the pin so the next
// run pins the new key; the old fingerprint stays in the audit log.
export async function resetHostKey({ actor, hostId }: { actor: TActor; hostId: string }) {
  return inTransaction(async (tx) => {
    const host = await loadHost(tx, actor, hostId, "host.write");
    const updated = await tx.host.update({ where: { id: hostId }, data: { hostKeyFingerprint: null, hostKeyPinnedAt: null, hostKeyApprovedAt: null, hostKeyApprovedById: null } });
    await writeAudit(tx, { actorId: actor.id, action: "host.reset-key", target: `host:${hostId}`, details: { previous: host.hostKeyFingerprint } });
    return updated;
  });
}
