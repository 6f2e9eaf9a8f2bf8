import { diffInventory } from "@/lib/audit/drift/diff";
import type { TInventoryItem } from "@/lib/audit/drift/inventory";
import { loadInventory } from "@/lib/domain/baselines/load-inventory";
import { Prisma } from "@/lib/generated/prisma/client";
import { pgJson } from "@/lib/server/pg-text";
import type { TTx } from "@/lib/server/db";

export const currentBaseline = (tx: TTx, hostId: string) => tx.baseline.findFirst({ where: { hostId, supersededAt: null }, orderBy: { approvedAt: "desc" } });

// Runs in the transaction that stores a finished host run: when the host has an approved
// baseline, every difference from it becomes an OPEN drift item with its evidence.
export async function recordDrift(tx: TTx, { engagementId, hostId, hostRunId }: { engagementId: string; hostId: string; hostRunId: string }): Promise<number> {
  const baseline = await currentBaseline(tx, hostId);
  if (!baseline) return 0;
  const entries = diffInventory(baseline.items as TInventoryItem[], await loadInventory(tx, hostRunId), { afterHostRunId: hostRunId });
  if (!entries.length) return 0;
  await tx.driftItem.createMany({
    data: entries.map((e) => ({
      engagementId,
      hostId,
      hostRunId,
      baselineId: baseline.id,
      kind: e.kind,
      change: e.change,
      key: e.key,
      summary: e.change === "CHANGED" ? `${e.summary}: ${e.changes.join("; ")}` : e.summary,
      before: e.before ? (pgJson(e.before) as Prisma.InputJsonValue) : Prisma.DbNull,
      after: e.after ? (pgJson(e.after) as Prisma.InputJsonValue) : Prisma.DbNull,
      evidenceKeys: e.evidence.keys,
    })),
  });
  return entries.length;
}
