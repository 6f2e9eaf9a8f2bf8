import { decryptSecret } from "@/lib/server/crypto";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { sendWebhook, type TSendResult } from "@/lib/webhooks/send-webhook";
import { readWebhookUrl } from "@/lib/webhooks/stored-url";

export type TDeliveryOutcome = "DELIVERED" | "RETRY" | "FAILED" | "SKIPPED";

// One attempt at one delivery, recorded on its row. A failed attempt that is
// not the last throws so pg-boss retries it (with backoff); the last one
// marks the delivery FAILED with the receiver's answer or the network error.
// Logs name the delivery and the webhook, never the URL or the secret.
export async function deliverWebhook(deliveryId: string, { finalAttempt, log = () => {} }: { finalAttempt: boolean; log?: (line: string) => void }): Promise<TDeliveryOutcome> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: { omit: { secret: false, url: false } } } });
  if (!delivery || delivery.status !== "PENDING") return "SKIPPED";
  const { webhook } = delivery;
  if (!webhook.enabled) {
    await db().webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", lastError: "The webhook was disabled before delivery" } });
    return "FAILED";
  }
  const stored = readStored(webhook);
  const result: TSendResult = stored === null
    ? { ok: false, status: null, error: "The webhook's URL and signing secret could not be decrypted: PALISADE_SECRET differs from the one they were stored with" }
    : await sendWebhook({ url: stored.url, body: delivery.payload, secret: stored.secret, event: delivery.event, deliveryId, timeoutMs: env.PALISADE_WEBHOOK_TIMEOUT_SECONDS * 1000 });
  const status = result.ok ? "DELIVERED" : finalAttempt ? "FAILED" : "PENDING";
  await db().webhookDelivery.update({
    where: { id: deliveryId },
    data: { attempts: { increment: 1 }, responseStatus: result.status, lastError: result.ok ? null : result.error, status, deliveredAt: result.ok ? new Date() : null },
  });
  if (result.ok) return "DELIVERED";
  log(`webhook delivery ${deliveryId} (webhook ${webhook.id}) failed${finalAttempt ? " for the last time" : ", will retry"}: ${result.error}`);
  if (finalAttempt) return "FAILED";
  throw new Error(result.error);
}

function readStored(webhook: { id: string; secret: string; url: string }): { url: string; secret: string } | null {
  try {
    return { url: readWebhookUrl(webhook), secret: decryptSecret(webhook.secret, webhook.id) };
  } catch {
    return null;
  }
}
