import { hostname } from "node:os";
import type { TAuditLimits } from "@/lib/audit/audit-types";
import { db } from "@/lib/server/db";
import { AUDIT_HOST_QUEUE, getBoss, stopBoss, type TAuditHostJob } from "@/lib/server/jobs/boss";
import { expireRiskAcceptances } from "@/lib/domain/findings/expire-risk-acceptances";
import { failHostRun } from "./fail-host-run";
import { runHostJob } from "./run-host-job";
import { limitHeapGrowth } from "./heap-growth";
import { startScheduleDispatcher } from "./schedule-dispatcher";
import { startWebhookWorker } from "./webhook-worker";
import { startHardeningWorker } from "./hardening-worker";

export type TWorkerOptions = { concurrency: number; limits: TAuditLimits; probes?: boolean; pollMs?: number; log?: (line: string) => void };
export type TRunningWorker = { id: string; active: () => number; stop: (opts?: { graceMs?: number }) => Promise<void> };

// A pool that keeps up to `concurrency` hosts in flight: whenever a slot
// frees, it fetches the next job (SKIP LOCKED in pg-boss, so several workers
// share a run without taking a host twice). An idle worker asks every 100 ms (one cheap
// SKIP LOCKED query): a 20-host run takes ~1.5 s on the lab, so pickup is a visible share of it.
export async function startWorker({ concurrency, limits, probes = true, pollMs = 100, log = () => {} }: TWorkerOptions): Promise<TRunningWorker> {
  limitHeapGrowth();
  const boss = await getBoss("worker");
  const id = `${hostname()}:${process.pid}`;
  const active = new Map<string, { hostRunId: string; controller: AbortController; done: Promise<void> }>();
  let stopping = false;
  let wake: () => void = () => {};

  const runJob = (job: { id: string; data: TAuditHostJob; retryCount: number; retryLimit: number }) => {
    const controller = new AbortController();
    const done = runHostJob(job.data.hostRunId, { limits, probes, signal: controller.signal })
      .then(() => boss.complete(AUDIT_HOST_QUEUE, job.id))
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log(`host run ${job.data.hostRunId} failed unexpectedly (attempt ${job.retryCount + 1}): ${message}`);
        if (job.retryCount >= job.retryLimit) await failHostRun(job.data.hostRunId, message).catch(() => undefined);
        await boss.fail(AUDIT_HOST_QUEUE, job.id, { message }).catch(() => undefined);
      })
      .finally(() => {
        active.delete(job.id);
        wake();
      });
    active.set(job.id, { hostRunId: job.data.hostRunId, controller, done });
  };

  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - active.size;
      const jobs = free > 0 ? await boss.fetch<TAuditHostJob>(AUDIT_HOST_QUEUE, { batchSize: free, includeMetadata: true }).catch((e: Error) => (log(`fetch failed: ${e.message}`), [])) : [];
      jobs.forEach(runJob);
      if (!jobs.length || active.size >= concurrency) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, active.size >= concurrency ? 5_000 : pollMs);
        });
      }
    }
  })();

  // Hosts of a run someone cancelled are stopped where they are.
  const watcher = setInterval(async () => {
    if (!active.size) return;
    const ids = [...active.values()].map((a) => a.hostRunId);
    const cancelled = await db().hostRun.findMany({ where: { id: { in: ids }, run: { status: "CANCELLED" } }, select: { id: true } }).catch(() => []);
    const cancelledIds = new Set(cancelled.map((c) => c.id));
    for (const a of active.values()) if (cancelledIds.has(a.hostRunId)) a.controller.abort();
  }, 1_000);

  // Accepted risks whose acceptance ran out come back for triage.
  const expiry = setInterval(() => {
    expireRiskAcceptances()
      .then((n) => n && log(`${n} risk acceptance(s) expired`))
      .catch((e: Error) => log(`expiring risk acceptances failed: ${e.message}`));
  }, 60_000);
  expiry.unref();

  // Scheduled audits and webhook notifications ride on the same boss.
  const schedules = startScheduleDispatcher(boss, { log });
  const webhooks = await startWebhookWorker(boss, { log });
  const hardening = await startHardeningWorker(boss, { limits, log });

  log(`worker ${id} started: up to ${concurrency} hosts at once`);
  return {
    id,
    active: () => active.size,
    async stop({ graceMs = 10_000 } = {}) {
      stopping = true;
      clearInterval(watcher);
      clearInterval(expiry);
      wake();
      await loop;
      await schedules.stop();
      await webhooks.stop();
      await hardening.stop();
      // Hosts in flight get a grace period to finish; any still running are
      // left to their jobs' expiry, after which another worker retries them.
      await Promise.race([Promise.all([...active.values()].map((a) => a.done)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      await stopBoss("worker");
    },
  };
}

export function limitsFromEnv(env: { PALISADE_CONNECT_TIMEOUT_SECONDS: number; PALISADE_COMMAND_TIMEOUT_SECONDS: number; PALISADE_HOST_TIMEOUT_SECONDS: number }): TAuditLimits {
  return {
    connectTimeoutMs: env.PALISADE_CONNECT_TIMEOUT_SECONDS * 1000,
    commandTimeoutMs: env.PALISADE_COMMAND_TIMEOUT_SECONDS * 1000,
    hostTimeoutMs: env.PALISADE_HOST_TIMEOUT_SECONDS * 1000,
    maxChannels: 5,
    maxOutputBytes: 1024 * 1024,
  };
}
