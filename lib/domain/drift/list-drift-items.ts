import type { DriftStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// Drift of an engagement (newest first), optionally of one host run or one status, with the
// evidence ids its keys point to in that host run.
export async function listDriftItems({ actor, engagementId, hostRunId, status }: { actor: TActor; engagementId: string; hostRunId?: string; status?: DriftStatus }) {
  const engagement = await loadEngagement(db(), actor, engagementId, "run.read");
  assertCan(actor, "host.read");
  const items = await db().driftItem.findMany({
    where: { engagementId, ...(hostRunId ? { hostRunId } : {}), ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }, { kind: "asc" }, { key: "asc" }],
    take: 500,
    include: { host: { select: { id: true, label: true } }, hostRun: { select: { runId: true, finishedAt: true } }, decidedBy: { select: { name: true } } },
  });
  const evidence = items.length
    ? await db().evidence.findMany({ where: { OR: items.map((i) => ({ hostRunId: i.hostRunId, key: { in: i.evidenceKeys } })) }, select: { id: true, hostRunId: true, key: true, command: true } })
    : [];
  return { engagement, items, evidence };
}

export type TDriftList = Awaited<ReturnType<typeof listDriftItems>>;
