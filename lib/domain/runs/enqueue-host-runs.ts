import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { TTx } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AUDIT_HOST_QUEUE, type TAuditHostJob } from "@/lib/server/jobs/boss";
import { txExecutor } from "@/lib/server/jobs/tx-executor";

// One host run and one pg-boss job per host, in the caller's transaction: a run
// and its jobs exist together or not at all. The worker reads the run's kind.
export async function enqueueHostRuns(tx: TTx, boss: PgBoss, runId: string, hostIds: string[]): Promise<void> {
  const hostRuns = hostIds.map((hostId) => ({ id: `hr${randomUUID().replace(/-/g, "")}`, jobId: randomUUID(), runId, hostId }));
  await tx.hostRun.createMany({ data: hostRuns });
  await boss.insert(
    hostRuns.map((hr) => ({
      id: hr.jobId,
      name: AUDIT_HOST_QUEUE,
      data: { hostRunId: hr.id } satisfies TAuditHostJob,
      retryLimit: 2,
      expireInSeconds: env.PALISADE_JOB_EXPIRE_SECONDS,
    })),
    { db: txExecutor(tx) },
  );
}
