import type PgBoss from "pg-boss";
import { SCHEDULED_RUN_QUEUE_PREFIX, type TScheduledRunJob } from "@/lib/schedules/queue";
import { handleScheduledRun } from "./scheduled-run-job";
import { syncSchedules } from "./sync-schedules";

// pg-boss 10 has no wildcard workers and one schedule per queue, so every
// scheduled engagement has its own queue (lib/schedules/queue.ts). This loop
// looks for those queues and fetches from each; pg-boss's clock (schedule:
// true on the worker boss) puts one job in a queue each time its cron fires.
export function startScheduleDispatcher(boss: PgBoss, { pollMs = 5_000, log }: { pollMs?: number; log: (line: string) => void }) {
  let stopping = false;
  let wake: () => void = () => {};

  const tick = async () => {
    const queues = (await boss.getQueues()).filter((q) => q.name.startsWith(SCHEDULED_RUN_QUEUE_PREFIX));
    for (const queue of queues) {
      if (stopping) return;
      const [job] = await boss.fetch<TScheduledRunJob>(queue.name, { includeMetadata: true });
      if (!job) continue;
      try {
        await handleScheduledRun({ engagementId: job.data.engagementId, log });
        await boss.complete(queue.name, job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`scheduled run of engagement ${job.data.engagementId} failed unexpectedly: ${message}`);
        await boss.fail(queue.name, job.id, { message }).catch(() => undefined);
      }
    }
  };

  const loop = (async () => {
    await syncSchedules(boss, { log }).catch((error: Error) => log(`lining up schedules with pg-boss failed: ${error.message}`));
    while (!stopping) {
      await tick().catch((error: Error) => log(`schedule dispatch failed: ${error.message}`));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs).unref();
      });
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake();
      await loop;
    },
  };
}
