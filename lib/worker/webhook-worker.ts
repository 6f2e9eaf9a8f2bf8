import type PgBoss from "pg-boss";
import { WEBHOOK_DELIVERY_QUEUE, type TWebhookDeliveryJob } from "@/lib/server/jobs/boss";
import { deliverWebhook } from "./deliver-webhook";

// Works webhook deliveries one job at a time, so each retries on its own.
export async function startWebhookWorker(boss: PgBoss, { log }: { log: (line: string) => void }) {
  const workerId = await boss.work<TWebhookDeliveryJob>(WEBHOOK_DELIVERY_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await deliverWebhook(job.data.deliveryId, { finalAttempt: job.retryCount >= job.retryLimit, log });
  });
  return { stop: () => boss.offWork({ id: workerId }) };
}
