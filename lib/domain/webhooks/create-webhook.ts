import { randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/server/audit-log";
import { encryptSecret } from "@/lib/server/crypto";
import type { TWebhookInput } from "@/lib/validation/schedule-schemas";
import { redactUrl } from "@/lib/webhooks/redact-url";
import { storedWebhookUrl } from "@/lib/webhooks/stored-url";
import { generateWebhookSecret } from "@/lib/webhooks/sign";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// The signing secret is generated here unless one is supplied, stored
// encrypted (bound to the row id, as credentials are) and returned this once
// so the receiver can be configured; no later read returns it.
export async function createWebhook({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: TWebhookInput }) {
  const secret = input.secret || generateWebhookSecret();
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "webhook.write");
    const id = `wh${randomBytes(12).toString("hex")}`;
    const webhook = await tx.webhook.create({ data: { id, engagementId, ...storedWebhookUrl(id, input.url), format: input.format, secret: encryptSecret(secret, id) } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "webhook.create",
      target: `webhook:${id}`,
      details: { engagementId, url: redactUrl(input.url), format: input.format, secretSupplied: Boolean(input.secret) },
    });
    return { webhook, secret };
  });
}
