import type { TInventoryItem } from "@/lib/audit/drift/inventory";
import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { currentBaseline } from "../drift/record-drift";
import { loadHost } from "../scope";

// A host's current baseline (its items, who approved it, from which run) and how many
// versions came before it.
export async function getHostBaseline({ actor, hostId }: { actor: TActor; hostId: string }) {
  await loadHost(db(), actor, hostId, "host.read");
  const baseline = await currentBaseline(db(), hostId);
  const versions = await db().baseline.count({ where: { hostId } });
  if (!baseline) return { baseline: null, versions };
  const approvedBy = await db().user.findUnique({ where: { id: baseline.approvedById }, select: { name: true } });
  const hostRun = await db().hostRun.findUnique({ where: { id: baseline.hostRunId }, select: { runId: true, finishedAt: true } });
  return { baseline: { ...baseline, items: baseline.items as TInventoryItem[], approvedByName: approvedBy?.name ?? "unknown", hostRun }, versions };
}
