import type { TInventoryItem } from "@/lib/audit/drift/inventory";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";

// A baseline is never changed: a new version is written and the current one
// (if any) is marked superseded at the same moment.
export async function writeBaseline(
  tx: TTx,
  { supersedes, hostId, hostRunId, items, approvedById, note }: { supersedes: { id: string } | null; hostId: string; hostRunId: string; items: TInventoryItem[]; approvedById: string; note: string },
) {
  const at = new Date();
  if (supersedes) await tx.baseline.update({ where: { id: supersedes.id }, data: { supersededAt: at } });
  return tx.baseline.create({ data: { hostId, hostRunId, items: items as unknown as Prisma.InputJsonValue, approvedById, approvedAt: at, note: note.slice(0, 2000) } });
}
