import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// The engagement's webhooks with their latest deliveries, for those who may
// manage them. The URL is shown redacted (it can carry a token; the stored
// one is encrypted) and the secret never leaves the server after creation.
export async function listWebhooks({ actor, engagementId, deliveries = 5 }: { actor: TActor; engagementId: string; deliveries?: number }) {
  await loadEngagement(db(), actor, engagementId, "engagement.read");
  if (!can(actor.role, "webhook.write")) return [];
  const webhooks = await db().webhook.findMany({
    where: { engagementId },
    orderBy: { createdAt: "asc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: deliveries,
        select: { id: true, runId: true, event: true, status: true, attempts: true, responseStatus: true, lastError: true, createdAt: true, deliveredAt: true },
      },
    },
  });
  return webhooks.map(({ urlShown, ...w }) => ({ ...w, url: urlShown }));
}
