import type PgBoss from "pg-boss";

// pg-boss 10 keys a schedule by its queue's name (one schedule per queue, and
// the schedule row references the queue), so each engagement's schedule gets
// its own queue. Workers find these queues by the prefix.
export const SCHEDULED_RUN_QUEUE_PREFIX = "scheduled-run.";
export type TScheduledRunJob = { engagementId: string };

export const scheduledRunQueue = (engagementId: string) => `${SCHEDULED_RUN_QUEUE_PREFIX}${engagementId}`;

// Creates the engagement's queue if needed and (re)writes its pg-boss schedule.
// Retried once: a scheduled job only fails on an unexpected error (a skip completes it).
export async function putBossSchedule(boss: PgBoss, { engagementId, cron, timeZone }: { engagementId: string; cron: string; timeZone: string }) {
  const name = scheduledRunQueue(engagementId);
  await boss.createQueue(name, { name, retryLimit: 1, retryDelay: 30 });
  await boss.schedule(name, cron, { engagementId } satisfies TScheduledRunJob, { tz: timeZone });
}

// Stops the engagement's scheduled runs in pg-boss: its schedule and any firing not yet picked
// up go with the queue (the schedule row references it).
export async function dropBossSchedule(boss: PgBoss, engagementId: string) {
  const name = scheduledRunQueue(engagementId);
  await boss.unschedule(name);
  await boss.deleteQueue(name);
}
