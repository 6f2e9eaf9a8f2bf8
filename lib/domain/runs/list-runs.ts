import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

export async function listRuns({ actor, engagementId, take = 10 }: { actor: TActor; engagementId: string; take?: number }) {
  await loadEngagement(db(), actor, engagementId, "engagement.read");
  if (!can(actor.role, "run.read")) return [];
  const runs = await db().run.findMany({
    where: { engagementId },
    orderBy: { createdAt: "desc" },
    take,
    include: { startedBy: { select: { name: true } }, _count: { select: { hostRuns: true } } },
  });
  const counts = await db().hostRun.groupBy({ by: ["runId", "status"], where: { runId: { in: runs.map((r) => r.id) } }, _count: true });
  return runs.map((r) => ({ ...r, statusCounts: Object.fromEntries(counts.filter((c) => c.runId === r.id).map((c) => [c.status, c._count])) }));
}
