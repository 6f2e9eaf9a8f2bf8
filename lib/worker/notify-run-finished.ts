import { randomBytes } from "node:crypto";
import { inTransaction } from "@/lib/domain/transaction";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { getBoss, WEBHOOK_DELIVERY_QUEUE, type TWebhookDeliveryJob } from "@/lib/server/jobs/boss";
import { txExecutor } from "@/lib/server/jobs/tx-executor";
import { ALERT_EVENT, buildAlertBody, type TRunAlert } from "@/lib/webhooks/payload";
import { appUrl } from "@/lib/webhooks/app-url";

// Called once when a run ends. If the run brought new Critical/High findings
// (first seen in it) or drift from a baseline, every enabled webhook of the
// engagement gets a delivery row and a job; rows and jobs commit together.
export async function notifyRunFinished(runId: string): Promise<number> {
  const run = await db().run.findUnique({
    where: { id: runId },
    include: { engagement: { include: { client: { select: { name: true } }, webhooks: { where: { enabled: true }, select: { id: true, format: true } } } } },
  });
  if (!run?.engagement.webhooks.length) return 0;
  const findings = await db().finding.findMany({
    where: { engagementId: run.engagementId, firstRunId: runId, severity: { in: ["CRITICAL", "HIGH"] } },
    orderBy: [{ severityRank: "asc" }, { hostLabel: "asc" }, { id: "asc" }],
    select: { title: true, severity: true, hostLabel: true },
  });
  const drift = await db().driftItem.findMany({
    where: { hostRun: { runId } },
    orderBy: [{ hostId: "asc" }, { kind: "asc" }, { key: "asc" }],
    select: { kind: true, change: true, summary: true, host: { select: { label: true } } },
  });
  if (!findings.length && !drift.length) return 0;

  const alert: TRunAlert = {
    engagement: { id: run.engagementId, name: run.engagement.name, client: run.engagement.client.name },
    run: { id: run.id, url: appUrl(`/engagements/${run.engagementId}/runs/${run.id}`), status: run.status, kind: run.kind, trigger: run.trigger, finishedAt: run.finishedAt?.toISOString() ?? null },
    findings: findings.map((f) => ({ title: f.title, severity: f.severity as "CRITICAL" | "HIGH", host: f.hostLabel })),
    drift: drift.map((d) => ({ host: d.host.label, kind: d.kind, change: d.change, summary: d.summary })),
  };
  const createdAt = new Date().toISOString();
  const deliveries = run.engagement.webhooks.map((w) => {
    const id = `wd${randomBytes(12).toString("hex")}`;
    return { id, webhookId: w.id, runId, event: ALERT_EVENT, payload: buildAlertBody(w.format, alert, { deliveryId: id, createdAt }) };
  });
  const boss = await getBoss("web");
  await inTransaction(async (tx) => {
    await tx.webhookDelivery.createMany({ data: deliveries });
    await boss.insert(
      deliveries.map((d) => ({
        name: WEBHOOK_DELIVERY_QUEUE,
        data: { deliveryId: d.id } satisfies TWebhookDeliveryJob,
        retryLimit: env.PALISADE_WEBHOOK_RETRY_LIMIT,
        retryDelay: env.PALISADE_WEBHOOK_RETRY_DELAY_SECONDS,
        retryBackoff: true,
      })),
      { db: txExecutor(tx) },
    );
  });
  return deliveries.length;
}
