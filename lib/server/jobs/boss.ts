import PgBoss from "pg-boss";
import { env } from "@/lib/server/env";

// Audit runs are jobs in Postgres: one job per host. The web process only
// enqueues (inside the transaction that creates the run); workers fetch.
export const AUDIT_HOST_QUEUE = "audit-host";
export type TAuditHostJob = { hostRunId: string };
// Notifications: one job per webhook delivery, retried with backoff (lib/worker/deliver-webhook.ts).
export const WEBHOOK_DELIVERY_QUEUE = "webhook-delivery";
export type TWebhookDeliveryJob = { deliveryId: string };
// Hardening steps Palisade runs over SSH (apply or rollback): one job each, never retried,
// because a half-applied change must be looked at by a person, not re-run.
export const HARDENING_QUEUE = "hardening-step";
export type THardeningJob = { stepId: string; action: "apply" | "rollback"; revision: number; startedById: string };

type TBossRole = "web" | "worker";
const globalForBoss = globalThis as unknown as { palisadeBoss?: Map<TBossRole, Promise<PgBoss>> };

async function createBoss(role: TBossRole): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    application_name: `palisade-${role}`,
    max: role === "worker" ? 4 : 2,
    // Only workers run maintenance (expiring jobs of dead workers, archiving).
    supervise: role === "worker",
    // Workers also run pg-boss's clock, which turns schedules (scheduled
    // audits) into jobs; pg-boss keeps it to one firing per schedule.
    schedule: role === "worker",
    // Expired jobs (a dead worker's) are noticed at maintenance; keep that well
    // inside the expiry so a retry is not delayed much beyond it.
    maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(env.PALISADE_JOB_EXPIRE_SECONDS / 2))),
  });
  // 57P01: Postgres closing connections as it shuts down. Under `npm start`, Ctrl+C reaches the
  // embedded Postgres at the same moment as us; that is a stop, not an error. Later failures
  // to reconnect (a database that went away for good) are still reported.
  boss.on("error", (error: Error & { code?: string }) => error.code !== "57P01" && console.error(`[pg-boss ${role}]`, error.message));
  await boss.start();
  await boss.createQueue(AUDIT_HOST_QUEUE, { name: AUDIT_HOST_QUEUE, retryLimit: 2, retryDelay: 1, expireInSeconds: env.PALISADE_JOB_EXPIRE_SECONDS });
  await boss.createQueue(HARDENING_QUEUE, { name: HARDENING_QUEUE, retryLimit: 0, expireInSeconds: env.PALISADE_JOB_EXPIRE_SECONDS });
  await boss.createQueue(WEBHOOK_DELIVERY_QUEUE, { name: WEBHOOK_DELIVERY_QUEUE, retryLimit: env.PALISADE_WEBHOOK_RETRY_LIMIT, retryDelay: env.PALISADE_WEBHOOK_RETRY_DELAY_SECONDS, retryBackoff: true });
  return boss;
}

export function getBoss(role: TBossRole = "web"): Promise<PgBoss> {
  globalForBoss.palisadeBoss ??= new Map();
  let boss = globalForBoss.palisadeBoss.get(role);
  if (!boss) {
    boss = createBoss(role);
    boss.catch(() => globalForBoss.palisadeBoss?.delete(role));
    globalForBoss.palisadeBoss.set(role, boss);
  }
  return boss;
}

export async function stopBoss(role: TBossRole): Promise<void> {
  const boss = globalForBoss.palisadeBoss?.get(role);
  globalForBoss.palisadeBoss?.delete(role);
  await (await boss)?.stop({ graceful: true, wait: true });
}
