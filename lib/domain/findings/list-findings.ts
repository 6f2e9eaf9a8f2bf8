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

const RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export function findingWhere(engagementId: string, f: TFindingFilter): Prisma.FindingWhereInput {
  const q = f.q?.trim().toLowerCase();
  return {
    engagementId,
    // By rank, not by the enum: the rank is what the (engagement, [status,]
    // rank, id) indexes hold, so "LOW only" starts at the LOWs instead of
    // reading past every higher severity first.
    ...(f.severity?.length ? { severityRank: { in: [...new Set(f.severity.map((s) => RANK[s]))] } } : {}),
    ...(f.status?.length ? { status: { in: f.status } } : {}),
    ...(f.hostId ? { hostId: f.hostId } : {}),
    ...(f.ruleId ? { ruleId: f.ruleId } : {}),
    ...(f.seen === "new" ? { timesSeen: 1 } : f.seen === "recurring" ? { timesSeen: { gt: 1 } } : {}),
    ...(q ? { searchText: { contains: q } } : {}),
  };
}

// The rows after a cursor, as index ranges read in order until the page is
// full. By severity: the rest of the cursor's rank (by id), then the ranks
// past it. A single `OR` of the two made Postgres read and discard every row
// before the cursor (page 1,000 read 50,000 rows); two ranges read only the
// page. By time, ties are few (one host run's findings), so one range
// bounded by the cursor's time does; the `lte` bound is what lets an index
// on (engagement, lastSeenAt desc, id) start at the cursor.
function afterCursor(sort: TFindingSort, cursor: TCursor | undefined): Prisma.FindingWhereInput[] {
  if (sort === "severity" && cursor && "rank" in cursor) return [{ severityRank: cursor.rank, id: { gt: cursor.id } }, { severityRank: { gt: cursor.rank } }];
  if (sort === "recent" && cursor && "lastSeenAt" in cursor) {
    const at = new Date(cursor.lastSeenAt);
    return [{ lastSeenAt: { lte: at }, OR: [{ lastSeenAt: { lt: at } }, { id: { gt: cursor.id } }] }];
  }
  return [{}];
}

const orderBy: Record<TFindingSort, Prisma.FindingOrderByWithRelationInput[]> = {
  severity: [{ severityRank: "asc" }, { id: "asc" }],
  recent: [{ lastSeenAt: "desc" }, { id: "asc" }],
};

export async function listFindings({ actor, engagementId, filter = {}, sort = "severity", cursor }: { actor: TActor; engagementId: string; filter?: TFindingFilter; sort?: TFindingSort; cursor?: TCursor }) {
  await loadEngagement(db(), actor, engagementId, "finding.read");
  const where = findingWhere(engagementId, filter);
  const read = (after: Prisma.FindingWhereInput, take: number) =>
    db().finding.findMany({
      where: { AND: [where, after] },
      orderBy: orderBy[sort],
      take,
      select: { id: true, title: true, severity: true, severityRank: true, status: true, ruleId: true, hostId: true, hostLabel: true, proto: true, port: true, timesSeen: true, lastSeenAt: true, firstSeenAt: true },
    });
  const rows: Awaited<ReturnType<typeof read>> = [];
  for (const range of afterCursor(sort, cursor)) {
    rows.push(...(await read(range, PAGE_SIZE + 1 - rows.length)));
    if (rows.length > PAGE_SIZE) break;
  }
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  const next: TCursor | null = rows.length > PAGE_SIZE && last ? (sort === "severity" ? { rank: last.severityRank, id: last.id } : { lastSeenAt: last.lastSeenAt.toISOString(), id: last.id }) : null;
  return { findings: page, next };
}

export type TFindingRow = Awaited<ReturnType<typeof listFindings>>["findings"][number];
