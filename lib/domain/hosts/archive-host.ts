import { writeAudit } from "@/lib/server/audit-log";
import type { TActor } from "../actor";
import { loadHost } from "../scope";
import { inTransaction } from "../transaction";

export async function archiveHost({ actor, hostId, archived = true }: { actor: TActor; hostId: string; archived?: boolean }) {
  return inTransaction(async (tx) => {
    await loadHost(tx, actor, hostId, "host.write");
    const host = await tx.host.update({ where: { id: hostId }, data: { archivedAt: archived ? new Date() : null } });
    await writeAudit(tx, { actorId: actor.id, action: archived ? "host.archive" : "host.restore", target: `host:${hostId}` });
    return host;
  });
}
