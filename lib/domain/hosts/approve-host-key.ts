import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { loadHost } from "../scope";
import { inTransaction } from "../transaction";

// Trust on first use pins what the host presented; a person confirms it
// (e.g. against the fingerprint the client's admin reads from the console).
export async function approveHostKey({ actor, hostId, fingerprint }: { actor: TActor; hostId: string; fingerprint: string }) {
  return inTransaction(async (tx) => {
    const host = await loadHost(tx, actor, hostId, "host.approve-key");
    if (!host.hostKeyFingerprint) throw new AppError("CONFLICT", "No host key has been pinned yet: run an audit first");
    if (host.hostKeyFingerprint !== fingerprint) throw new AppError("CONFLICT", "The pinned key changed since you looked at it; review it again");
    const updated = await tx.host.update({ where: { id: hostId }, data: { hostKeyApprovedAt: new Date(), hostKeyApprovedById: actor.id } });
    await writeAudit(tx, { actorId: actor.id, action: "host.approve-key", target: `host:${hostId}`, details: { fingerprint } });
    return updated;
  });
}
