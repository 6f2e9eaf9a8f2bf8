import type PgBoss from "pg-boss";
import type { TAuditLimits } from "@/lib/audit/audit-types";
import { HARDENING_QUEUE, type THardeningJob } from "@/lib/server/jobs/boss";
import { recordHardeningJobError, runHardeningJob } from "./run-hardening-job";

// Works hardening steps one at a time: changes to hosts are few and each is watched by a person.
export async function startHardeningWorker(boss: PgBoss, { limits, log }: { limits: TAuditLimits; log: (line: string) => void }) {
  const workerId = await boss.work<THardeningJob>(HARDENING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    log(`hardening step ${job.data.stepId}: ${job.data.action}`);
    try {
      await runHardeningJob(job.data, { limits });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log(`hardening step ${job.data.stepId} failed unexpectedly: ${message}`);
      await recordHardeningJobError(job.data, message).catch(() => undefined);
    }
  });
  return { stop: () => boss.offWork({ id: workerId }) };
}
