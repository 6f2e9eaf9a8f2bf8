// `npm run bench -- findings`: the reviewer's screen at scale. 100,000
// findings over 1,000 hosts in one engagement on a throwaway Postgres, then
// the server time of listFindings (first, filtered, deep keyset pages, both
// sorts) and of one bulk status change of 1,000 findings.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { changeFindingStatus } from "@/lib/domain/findings/change-finding-status";
import { findingStats } from "@/lib/domain/findings/finding-stats";
import { listFindings, PAGE_SIZE, type TCursor, type TFindingFilter, type TFindingSort } from "@/lib/domain/findings/list-findings";
import type { TActor } from "@/lib/domain/actor";
import { db } from "@/lib/server/db";
import { makeEngagement, makeUser } from "@/lib/testing/factories";
import { startBenchDatabase } from "./bench-database";

const TARGET_PAGE_P95_MS = 150;
const TARGET_BULK_MS = 2000;

// Title templates (the rule that fires and what it says); one in ten is about Redis.
const TEMPLATES: [ruleId: string, title: string][] = [
  ["exposed-datastore", "Redis reachable without authentication"],
  ["exposed-datastore", "PostgreSQL accepting password logins from any address"],
  ["bare-http", "Bare HTTP server without TLS"],
  ["debug-endpoint", "Debug endpoint exposed on a public interface"],
  ["unknown-process", "Unknown process listening on a public interface"],
  ["wildcard-cors", "Wildcard CORS on an authenticated API"],
  ["monitoring-public", "Prometheus metrics endpoint on a public interface"],
  ["no-rate-limit", "Proxy without rate limiting in front of the login"],
  ["recent-restart", "Service restarted recently without a logged reason"],
  ["localhost-only", "Admin console bound to localhost only"],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export async function seedBenchFindings(findings: number, hostCount: number) {
  const { actor } = await makeUser(db(), { role: "REVIEWER" });
  const { actor: consultant } = await makeUser(db(), { role: "CONSULTANT" });
  const engagement = await makeEngagement(db(), { name: `findings bench ${randomBytes(3).toString("hex")}`, memberIds: [actor.id, consultant.id] });
  // One host in twenty is a Redis box, so the search also matches by host label.
  await db().host.createMany({
    data: Array.from({ length: hostCount }, (_, i) => {
      const label = `${i % 20 === 0 ? "redis" : "web"}-${String(i).padStart(4, "0")}.acme.internal`;
      return { engagementId: engagement.id, address: `10.${Math.floor(i / 250)}.${i % 250}.1`, label };
    }),
  });
  const hosts = await db().host.findMany({ where: { engagementId: engagement.id }, select: { id: true, label: true }, orderBy: { label: "asc" } });
  // Twelve finished runs, a day apart, for the over-runs chart query.
  const now = Date.now();
  await db().run.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({ engagementId: engagement.id, startedById: consultant.id, status: "COMPLETED" as const, createdAt: new Date(now - (12 - i) * 86_400_000), finishedAt: new Date(now - (12 - i) * 86_400_000 + 600_000) })),
  });

  const hostIds = hosts.map((h) => h.id);
  const hostLabels = hosts.map((h) => h.label);
  const ruleIds = TEMPLATES.map((t) => t[0]);
  const titles = TEMPLATES.map((t) => t[1]);
  const salt = randomBytes(4).toString("hex");
  const batch = 20_000;
  // One INSERT ... SELECT generate_series per batch: the rows are built by
  // Postgres, nothing crosses the wire but the parameters. Severity, status
  // and dates come from hashes of the row number, so they are spread evenly
  // and the same on every run.
  for (let from = 0; from < findings; from += batch) {
    const to = Math.min(findings, from + batch) - 1;
    await db().$executeRaw`
      WITH r AS (
        SELECT g, g % ${hostCount}::int AS h, (g / ${hostCount}::int) % ${TEMPLATES.length}::int AS t,
               abs(hashtext(${salt} || 'sev' || g)) % 100 AS sev, abs(hashtext(${salt} || 'st' || g)) % 100 AS st,
               abs(hashtext(${salt} || 'age' || g)) % (90 * 24) AS age_h
        FROM generate_series(${from}::int, ${to}::int) g
      ), s AS (
        SELECT r.*,
          CASE WHEN sev < 5 THEN 0 WHEN sev < 25 THEN 1 WHEN sev < 60 THEN 2 ELSE 3 END AS rank,
          CASE WHEN st < 50 THEN 'NEW' WHEN st < 70 THEN 'CONFIRMED' WHEN st < 75 THEN 'FALSE_POSITIVE' WHEN st < 90 THEN 'RESOLVED'
               WHEN st < 93 THEN 'ACCEPTED_RISK' WHEN st < 95 THEN 'DUPLICATE' ELSE 'REOPENED' END AS status,
          now() - make_interval(hours => age_h) AS first_seen
        FROM r
      )
      INSERT INTO "Finding" (id, "engagementId", "hostId", fingerprint, "ruleId", title, severity, "severityRank", status, why, "severityReason",
        confidence, reproduce, proto, port, "hostLabel", "searchText", "firstSeenAt", "lastSeenAt", "timesSeen", "triagedAt", "resolvedAt", "updatedAt")
      SELECT 'cb' || substr(md5(${salt} || g), 1, 23), ${engagement.id}, (${hostIds}::text[])[h + 1], md5(${salt} || 'fp' || g),
        (${ruleIds}::text[])[t + 1], (${titles}::text[])[t + 1] || ' on port ' || (1024 + g % 40000),
        (ARRAY['CRITICAL','HIGH','MEDIUM','LOW'])[rank + 1]::"Severity", rank, status::"FindingStatus",
        'A process listens on 0.0.0.0 and answered an unauthenticated request.', 'Reachable from a non-loopback interface.',
        'high', 'ss -H -tlnp', 'tcp', 1024 + g % 40000, (${hostLabels}::text[])[h + 1],
        lower((${titles}::text[])[t + 1] || ' on port ' || (1024 + g % 40000) || ' ' || (${hostLabels}::text[])[h + 1]),
        first_seen, first_seen + make_interval(hours => (g % 48)), 1 + (g % 4),
        CASE WHEN status <> 'NEW' THEN first_seen + make_interval(hours => 1 + g % 72) END,
        CASE WHEN status = 'RESOLVED' THEN first_seen + make_interval(hours => 24 + g % 200) END,
        now()
      FROM s`;
  }
  await db().$executeRawUnsafe(`ANALYZE "Finding"`);
  return { actor, engagementId: engagement.id };
}

async function pageTimes(label: string, repeat: number, call: () => Promise<{ findings: unknown[] }>) {
  for (let i = 0; i < 3; i++) await call(); // warm the connection pool, plan cache and buffers
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < repeat; i++) {
    const { ms, result } = await time(call);
    samples.push(ms);
    rows = result.findings.length;
  }
  samples.sort((a, b) => a - b);
  const figures = { p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), maxMs: round(samples[samples.length - 1] ?? 0), rows };
  console.log(`${label.padEnd(44)} p50 ${String(figures.p50Ms).padStart(6)} ms  p95 ${String(figures.p95Ms).padStart(6)} ms  (${rows} rows, ${repeat} calls)`);
  return figures;
}

// The cursor that opens page `page`, straight from SQL (OFFSET): what the
// keyset walk must arrive at.
async function cursorByOffset(engagementId: string, sort: TFindingSort, page: number): Promise<TCursor> {
  const order = sort === "severity" ? `"severityRank" ASC, id ASC` : `"lastSeenAt" DESC, id ASC`;
  const [row] = await db().$queryRawUnsafe<{ id: string; severityRank: number; lastSeenAt: Date }[]>(
    `SELECT id, "severityRank", "lastSeenAt" FROM "Finding" WHERE "engagementId" = $1 ORDER BY ${order} OFFSET $2 LIMIT 1`,
    engagementId,
    (page - 1) * PAGE_SIZE - 1,
  );
  if (!row) throw new Error(`no page ${page}`);
  return sort === "severity" ? { rank: row.severityRank, id: row.id } : { lastSeenAt: row.lastSeenAt.toISOString(), id: row.id };
}

// Walks the keyset pages by severity up to `page`, checking that nothing
// repeats and that it lands where OFFSET does.
async function walkToPage(actor: TActor, engagementId: string, page: number) {
  let cursor: TCursor | undefined;
  const seen = new Set<string>();
  const walk = await time(async () => {
    for (let p = 1; p < page; p++) {
      const { findings, next } = await listFindings({ actor, engagementId, sort: "severity", ...(cursor ? { cursor } : {}) });
      for (const f of findings) {
        if (seen.has(f.id)) throw new Error(`keyset paging repeated ${f.id} on page ${p}`);
        seen.add(f.id);
      }
      if (!next) throw new Error(`only ${p} pages`);
      cursor = next;
    }
  });
  const expected = await cursorByOffset(engagementId, "severity", page);
  if (JSON.stringify(cursor) !== JSON.stringify(expected)) throw new Error(`keyset walk ended at ${JSON.stringify(cursor)}, OFFSET says ${JSON.stringify(expected)}`);
  console.log(`walked ${page - 1} pages by severity to page ${page}: ${seen.size.toLocaleString("en")} distinct findings, ${round(walk.ms / (page - 1))} ms a page, same place as OFFSET`);
  return cursor!;
}

export async function benchFindings({ findings, hosts, repeat, deepPage }: { findings: number; hosts: number; repeat: number; deepPage: number }) {
  // A shared 2-core box: the load around the measurements says how to read them.
  const load = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(`${os.cpus().length} cores, load average ${load()}`);
  const database = await startBenchDatabase();
  try {
    const seeded = await time(() => seedBenchFindings(findings, hosts));
    const { actor, engagementId } = seeded.result;
    console.log(`seeded ${findings.toLocaleString("en")} findings over ${hosts} hosts in ${(seeded.ms / 1000).toFixed(1)} s (bulk INSERT ... SELECT, then ANALYZE)`);

    const list = (filter: TFindingFilter, sort: TFindingSort, cursor?: TCursor) => () => listFindings({ actor, engagementId, filter, sort, ...(cursor ? { cursor } : {}) });
    const filtered: TFindingFilter = { severity: ["CRITICAL"], status: ["NEW"], q: "redis" };
    const deepBySeverity = await walkToPage(actor, engagementId, deepPage);
    const deepByRecent = await cursorByOffset(engagementId, "recent", deepPage);

    const pages = {
      first: await pageTimes("first page, by severity", repeat, list({}, "severity")),
      filtered: await pageTimes("CRITICAL + NEW + search \"redis\"", repeat, list(filtered, "severity")),
      deep: await pageTimes(`page ${deepPage} by keyset cursor, by severity`, repeat, list({}, "severity", deepBySeverity)),
      firstRecent: await pageTimes("first page, most recent", repeat, list({}, "recent")),
      deepRecent: await pageTimes(`page ${deepPage} by keyset cursor, most recent`, repeat, list({}, "recent", deepByRecent)),
      lowOnly: await pageTimes("LOW only, by severity", repeat, list({ severity: ["LOW"] }, "severity")),
      searchOnly: await pageTimes("search \"redis-0420\" (host label)", repeat, list({ q: "redis-0420" }, "severity")),
      openRecurring: await pageTimes("open statuses, recurring, one rule", repeat, list({ status: ["NEW", "CONFIRMED", "REOPENED"], seen: "recurring", ruleId: "bare-http" }, "recent")),
    };

    const stats = await time(() => findingStats({ actor, engagementId }));
    console.log(`${"findingStats (overview charts and KPIs)".padEnd(44)} ${round(stats.ms)} ms (one call)`);

    const bulks: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ids = (await db().finding.findMany({ where: { engagementId, status: "NEW" }, select: { id: true }, take: 1000, orderBy: { id: "asc" } })).map((f) => f.id);
      const { ms, result } = await time(() => changeFindingStatus({ actor, engagementId, findingIds: ids, change: { to: "CONFIRMED", comment: `bench bulk ${i + 1}` } }));
      if (result.changed !== ids.length) throw new Error(`bulk changed ${result.changed} of ${ids.length}`);
      bulks.push(round(ms));
      console.log(`${`bulk NEW -> CONFIRMED of ${ids.length} findings, #${i + 1}`.padEnd(44)} ${round(ms)} ms`);
    }

    // Every page measured counts against the target, whichever sort it uses.
    const worstPageP95 = Math.max(...Object.values(pages).map((p) => p.p95Ms));
    const bulkMs = Math.max(...bulks);
    const ok = worstPageP95 <= TARGET_PAGE_P95_MS && bulkMs <= TARGET_BULK_MS;
    console.log(`targets: p95 <= ${TARGET_PAGE_P95_MS} ms a page (worst ${worstPageP95}), bulk of 1,000 <= ${TARGET_BULK_MS} ms (worst ${bulkMs}): ${ok ? "met" : "MISSED"}`);
    console.log(`load average ${load()}`);
    return {
      bench: "findings",
      cores: os.cpus().length,
      loadAverage: os.loadavg().map((n) => +n.toFixed(2)),
      findings,
      hosts,
      pageSize: PAGE_SIZE,
      repeat,
      seedSeconds: +(seeded.ms / 1000).toFixed(1),
      pages,
      statsMs: round(stats.ms),
      bulk1000Ms: bulks,
      targets: { pageP95Ms: TARGET_PAGE_P95_MS, bulkMs: TARGET_BULK_MS, worstPageP95Ms: worstPageP95, worstBulkMs: bulkMs, met: ok },
    };
  } finally {
    await db().$disconnect();
    await database.stop();
  }
}
