import type { Prisma } from "@/lib/generated/prisma/client";
import type { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

export type TFindingFilter = {
  severity?: Severity[];
  status?: FindingStatus[];
  hostId?: string;
  ruleId?: string;
  seen?: "new" | "recurring";
  q?: string;
};

export type TFindingSort = "severity" | "recent";
export const PAGE_SIZE = 50;

// Keyset pagination: the cursor is the last row's sort key, so a deep page
// costs what the first one does (no OFFSET scans at 100,000 findings).
export type TCursor = { rank: number; id: string } | { lastSeenAt: string; id: string };

export function findingWhere(engagementId: string, f: TFindingFilter): Prisma.FindingWhereInput {
  const q = f.q?.trim().toLowerCase();
  return {
    engagementId,
    ...(f.severity?.length ? { severity: { in: f.severity } } : {}),
    ...(f.status?.length ? { status: { in: f.status } } : {}),
    ...(f.hostId ? { hostId: f.hostId } : {}),
    ...(f.ruleId ? { ruleId: f.ruleId } : {}),
    ...(f.seen === "new" ? { timesSeen: 1 } : f.seen === "recurring" ? { timesSeen: { gt: 1 } } : {}),
    ...(q ? { searchText: { contains: q } } : {}),
  };
}

function afterCursor(sort: TFindingSort, cursor: TCursor | undefined): Prisma.FindingWhereInput {
  if (!cursor) return {};
  if (sort === "severity" && "rank" in cursor) return { OR: [{ severityRank: { gt: cursor.rank } }, { severityRank: cursor.rank, id: { gt: cursor.id } }] };
  if (sort === "recent" && "lastSeenAt" in cursor) {
    const at = new Date(cursor.lastSeenAt);
    return { OR: [{ lastSeenAt: { lt: at } }, { lastSeenAt: at, id: { gt: cursor.id } }] };
  }
  return {};
}

const orderBy: Record<TFindingSort, Prisma.FindingOrderByWithRelationInput[]> = {
  severity: [{ severityRank: "asc" }, { id: "asc" }],
  recent: [{ lastSeenAt: "desc" }, { id: "asc" }],
};

export async function listFindings({ actor, engagementId, filter = {}, sort = "severity", cursor }: { actor: TActor; engagementId: string; filter?: TFindingFilter; sort?: TFindingSort; cursor?: TCursor }) {
  await loadEngagement(db(), actor, engagementId, "finding.read");
  const rows = await db().finding.findMany({
    where: { AND: [findingWhere(engagementId, filter), afterCursor(sort, cursor)] },
    orderBy: orderBy[sort],
    take: PAGE_SIZE + 1,
    select: { id: true, title: true, severity: true, severityRank: true, status: true, ruleId: true, hostId: true, hostLabel: true, proto: true, port: true, timesSeen: true, lastSeenAt: true, firstSeenAt: true },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  const next: TCursor | null = rows.length > PAGE_SIZE && last ? (sort === "severity" ? { rank: last.severityRank, id: last.id } : { lastSeenAt: last.lastSeenAt.toISOString(), id: last.id }) : null;
  return { findings: page, next };
}

export type TFindingRow = Awaited<ReturnType<typeof listFindings>>["findings"][number];
