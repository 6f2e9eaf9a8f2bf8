import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";

// Stops or restarts notifications to a webhook, keeping its URL and signing
// secret. Deliveries still queued when it is disabled are marked failed, not
// sent; a test ping still goes out, to check the receiver before turning it on.
export async function setWebhookEnabled({ actor, webhookId, enabled }: { actor: TActor; webhookId: string; enabled: boolean }) {
  return inTransaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, engagement: engagementScope(actor) } });
    if (!webhook) throw notFound("Webhook not found");
    assertCan(actor, "webhook.write");
    if (webhook.enabled === enabled) return webhook;
    const updated = await tx.webhook.update({ where: { id: webhookId }, data: { enabled } });
    await writeAudit(tx, { actorId: actor.id, action: enabled ? "webhook.enable" : "webhook.disable", target: `webhook:${webhookId}`, details: { engagementId: webhook.engagementId, url: webhook.urlShown } });
    return updated;
  });
}
