import { db } from "@/lib/server/db";
import { writeAudit } from "@/lib/server/audit-log";

// Accepted risks come back when their acceptance expires: the finding is
// CONFIRMED again and its history says why. Run by the worker periodically.
export async function expireRiskAcceptances(now = new Date()): Promise<number> {
  return db().$transaction(async (tx) => {
    const expired = await tx.finding.findMany({ where: { status: "ACCEPTED_RISK", acceptanceExpiresAt: { lte: now } }, select: { id: true, engagementId: true } });
    if (!expired.length) return 0;
    const ids = expired.map((f) => f.id);
    await tx.finding.updateMany({ where: { id: { in: ids } }, data: { status: "CONFIRMED" } });
    await tx.findingEvent.createMany({ data: ids.map((findingId) => ({ findingId, at: now, kind: "status", fromStatus: "ACCEPTED_RISK" as const, toStatus: "CONFIRMED" as const, comment: "Risk acceptance expired" })) });
    await writeAudit(tx, { actorId: null, action: "finding.acceptance-expired", target: "findings", details: { count: ids.length, findingIds: ids.slice(0, 50) } });
    return ids.length;
  });
}
