import { randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/server/audit-log";
import { decryptSecret } from "@/lib/server/crypto";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import { appUrl } from "@/lib/webhooks/app-url";
import { buildPingBody, PING_EVENT } from "@/lib/webhooks/payload";
import { sendWebhook, type TSendResult } from "@/lib/webhooks/send-webhook";
import { readWebhookUrl } from "@/lib/webhooks/stored-url";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// Sends a signed "ping" now, while the person setting up the receiver waits,
// and tells them what came back. Not queued or retried: a delivery row
// belongs to a run, and a test is about the answer right now.
export async function testWebhook({ actor, webhookId }: { actor: TActor; webhookId: string }): Promise<TSendResult> {
  const webhook = await db().webhook.findFirst({
    where: { id: webhookId, engagement: engagementScope(actor) },
    omit: { secret: false, url: false },
    include: { engagement: { select: { id: true, name: true, client: { select: { name: true } } } } },
  });
  if (!webhook) throw notFound("Webhook not found");
  assertCan(actor, "webhook.write");
  const deliveryId = `ping${randomBytes(12).toString("hex")}`;
  const { engagement } = webhook;
  const body = buildPingBody(
    webhook.format,
    { engagement: { id: engagement.id, name: engagement.name, client: engagement.client.name }, url: appUrl(`/engagements/${engagement.id}`) },
    { deliveryId, createdAt: new Date().toISOString() },
  );
  const result = await sendWebhook({ url: readWebhookUrl(webhook), body, secret: decryptSecret(webhook.secret, webhook.id), event: PING_EVENT, deliveryId, timeoutMs: env.PALISADE_WEBHOOK_TIMEOUT_SECONDS * 1000 });
  await db().$transaction((tx) =>
    writeAudit(tx, { actorId: actor.id, action: "webhook.test", target: `webhook:${webhook.id}`, details: { engagementId: engagement.id, deliveryId, ok: result.ok, status: result.status } }),
  );
  return result;
}
