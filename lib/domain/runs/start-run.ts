import { randomUUID } from "node:crypto";
import type { RunTrigger } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit-log";
import { env } from "@/lib/server/env";
import { AppError, notFound } from "@/lib/server/errors";
import { AUDIT_HOST_QUEUE, getBoss, type TAuditHostJob } from "@/lib/server/jobs/boss";
import { txExecutor } from "@/lib/server/jobs/tx-executor";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// Starts a run over all active hosts of the engagement, or the selected ones.
// A scheduled run comes through here too (trigger SCHEDULE, acting as the
// schedule's creator), so it is checked and audited like a manual one.
export async function startRun({ actor, engagementId, hostIds, trigger = "MANUAL" }: { actor: TActor; engagementId: string; hostIds?: string[]; trigger?: RunTrigger }) {
  const boss = await getBoss("web");
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "run.start");
    const hosts = await tx.host.findMany({
      where: { engagementId, archivedAt: null, ...(hostIds ? { id: { in: hostIds } } : {}) },
      select: { id: true },
    });
    if (hostIds && hosts.length !== new Set(hostIds).size) throw notFound("Host not found");
    if (!hosts.length) throw new AppError("VALIDATION", "There are no hosts to audit in this engagement");

    const run = await tx.run.create({ data: { engagementId, startedById: actor.id, trigger } });
    const hostRuns = hosts.map((h) => ({ id: `hr${randomUUID().replace(/-/g, "")}`, jobId: randomUUID(), runId: run.id, hostId: h.id }));
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
    await writeAudit(tx, { actorId: actor.id, action: "run.start", target: `run:${run.id}`, details: { engagementId, hosts: hosts.length, trigger } });
    return run;
  });
}
