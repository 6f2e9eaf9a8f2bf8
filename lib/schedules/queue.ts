// pg-boss 10 keys a schedule by its queue's name (one schedule per queue, and
// the schedule row references the queue), so each engagement's schedule gets
// its own queue. Workers find these queues by the prefix.
export const SCHEDULED_RUN_QUEUE_PREFIX = "scheduled-run.";
export type TScheduledRunJob = { engagementId: string };

export const scheduledRunQueue = (engagementId: string) => `${SCHEDULED_RUN_QUEUE_PREFIX}${engagementId}`;
