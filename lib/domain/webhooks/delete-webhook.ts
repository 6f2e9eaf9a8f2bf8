import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";

// Its deliveries go with it; queued ones find no row and are dropped.
export async function deleteWebhook({ actor, webhookId }: { actor: TActor; webhookId: string }) {
  await inTransaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, engagement: engagementScope(actor) } });
    if (!webhook) throw notFound("Webhook not found");
    assertCan(actor, "webhook.write");
    await tx.webhook.delete({ where: { id: webhookId } });
    await writeAudit(tx, { actorId: actor.id, action: "webhook.delete", target: `webhook:${webhookId}`, details: { engagementId: webhook.engagementId, url: webhook.urlShown } });
  });
}
