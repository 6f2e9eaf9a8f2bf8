import type PgBoss from "pg-boss";
import { db } from "@/lib/server/db";
import { putBossSchedule, SCHEDULED_RUN_QUEUE_PREFIX, scheduledRunQueue } from "@/lib/schedules/queue";

// Queues younger than this may belong to a setSchedule whose transaction has
// not committed yet; they are left alone.
const ORPHAN_AGE_MS = 5 * 60_000;

// Schedule rows are the truth; pg-boss's schedules follow them. setSchedule
// and removeSchedule keep both in step, but pg-boss writes on its own
// connection, so a crash between the two (or a restored database) can leave
// them apart. A worker lines them up when it starts.
export async function syncSchedules(boss: PgBoss, { log, now = Date.now() }: { log: (line: string) => void; now?: number }) {
  const rows = await db().schedule.findMany({ where: { enabled: true }, select: { engagementId: true, cron: true, timeZone: true } });
  const existing = new Map((await boss.getSchedules()).map((s) => [s.name, s as PgBoss.Schedule & { timezone?: string }]));
  const wanted = new Set<string>();
  for (const row of rows) {
    const name = scheduledRunQueue(row.engagementId);
    wanted.add(name);
    const current = existing.get(name);
    if (current && current.cron === row.cron && current.timezone === row.timeZone) continue;
    await putBossSchedule(boss, row);
    log(`schedule of engagement ${row.engagementId} restored in pg-boss (${row.cron}, ${row.timeZone})`);
  }
  for (const queue of await boss.getQueues()) {
    if (!queue.name.startsWith(SCHEDULED_RUN_QUEUE_PREFIX) || wanted.has(queue.name)) continue;
    if (now - new Date(queue.createdOn).getTime() < ORPHAN_AGE_MS) continue;
    await boss.deleteQueue(queue.name);
    log(`pg-boss queue ${queue.name} removed: its engagement has no enabled schedule`);
  }
}
