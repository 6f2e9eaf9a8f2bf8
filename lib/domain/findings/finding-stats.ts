import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// What the engagement overview charts and KPIs show.
export async function findingStats({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  await loadEngagement(db(), actor, engagementId, "finding.read");
  const [bySeverityStatus, byHost, kpis, perRule, overRuns] = await Promise.all([
    db().finding.groupBy({ by: ["severity", "status"], where: { engagementId }, _count: true }),
    db().$queryRaw<{ hostId: string; hostLabel: string; critical: number; high: number; medium: number; low: number }[]>`
      SELECT "hostId", min("hostLabel") AS "hostLabel",
        count(*) FILTER (WHERE severity = 'CRITICAL')::int AS critical, count(*) FILTER (WHERE severity = 'HIGH')::int AS high,
        count(*) FILTER (WHERE severity = 'MEDIUM')::int AS medium, count(*) FILTER (WHERE severity = 'LOW')::int AS low
      FROM "Finding" WHERE "engagementId" = ${engagementId} AND status NOT IN ('RESOLVED', 'FALSE_POSITIVE', 'DUPLICATE')
      GROUP BY "hostId" ORDER BY critical DESC, high DESC, medium DESC LIMIT 20`,
    db().$queryRaw<{ meanTriageHours: number | null; meanResolveHours: number | null }[]>`
      SELECT avg(extract(epoch FROM ("triagedAt" - "firstSeenAt")) / 3600)::float AS "meanTriageHours",
             avg(extract(epoch FROM ("resolvedAt" - "firstSeenAt")) / 3600) FILTER (WHERE status = 'RESOLVED')::float AS "meanResolveHours"
      FROM "Finding" WHERE "engagementId" = ${engagementId}`,
    db().$queryRaw<{ ruleId: string; total: number; falsePositives: number }[]>`
      SELECT "ruleId", count(*)::int AS total, count(*) FILTER (WHERE status = 'FALSE_POSITIVE')::int AS "falsePositives"
      FROM "Finding" WHERE "engagementId" = ${engagementId} AND "triagedAt" IS NOT NULL GROUP BY "ruleId" ORDER BY "ruleId"`,
    // Findings open as of each run: first seen by then and not resolved before it.
    db().$queryRaw<{ runId: string; createdAt: Date; critical: number; high: number; medium: number; low: number }[]>`
      SELECT r.id AS "runId", r."createdAt",
        count(f.id) FILTER (WHERE f.severity = 'CRITICAL')::int AS critical, count(f.id) FILTER (WHERE f.severity = 'HIGH')::int AS high,
        count(f.id) FILTER (WHERE f.severity = 'MEDIUM')::int AS medium, count(f.id) FILTER (WHERE f.severity = 'LOW')::int AS low
      FROM (SELECT id, "createdAt", coalesce("finishedAt", now()) AS "asOf" FROM "Run" WHERE "engagementId" = ${engagementId} ORDER BY "createdAt" DESC LIMIT 12) r
      LEFT JOIN "Finding" f ON f."engagementId" = ${engagementId} AND f."firstSeenAt" <= r."asOf" AND (f."resolvedAt" IS NULL OR f."resolvedAt" > r."asOf")
      GROUP BY r.id, r."createdAt" ORDER BY r."createdAt" DESC`,
  ]);
  return {
    bySeverityStatus: bySeverityStatus.map((g) => ({ severity: g.severity, status: g.status, count: g._count })),
    byHost,
    meanTriageHours: kpis[0]?.meanTriageHours ?? null,
    meanResolveHours: kpis[0]?.meanResolveHours ?? null,
    falsePositiveRateByRule: perRule.map((r) => ({ ruleId: r.ruleId, triaged: r.total, rate: r.total ? r.falsePositives / r.total : 0 })),
    overRuns: overRuns.reverse(),
  };
}
