import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { AUDIT_HOST_QUEUE, getBoss } from "@/lib/server/jobs/boss";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { assertCan } from "@/lib/server/permissions";
import { endRunIfDone } from "./end-run-if-done";
import { ACTIVE_HOST_STATUSES } from "./host-run-status";
import { inTransaction } from "../transaction";

// Queued hosts are cancelled at once; hosts in progress are stopped by their
// worker, which watches for cancelled runs, and end CANCELLED. A host that
// ends while this runs may check for the run's end before this commits and
// still see queued hosts; so this checks once committed (endRunIfDone), which
// also ends a run that had no host in progress.
export async function cancelRun({ actor, runId }: { actor: TActor; runId: string }) {
  const boss = await getBoss("web");
  const jobIds = await inTransaction(async (tx) => {
    const run = await tx.run.findFirst({ where: { id: runId, engagement: engagementScope(actor) } });
    if (!run) throw notFound("Run not found");
    assertCan(actor, "run.start");
    if (run.status !== "QUEUED" && run.status !== "RUNNING") throw new AppError("CONFLICT", `The run has already ended (${run.status.toLowerCase().replace(/_/g, " ")})`);
    const queued = await tx.hostRun.findMany({ where: { runId, status: "QUEUED" }, select: { jobId: true } });
    await tx.hostRun.updateMany({ where: { runId, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date() } });
    const active = await tx.hostRun.count({ where: { runId, status: { in: ACTIVE_HOST_STATUSES } } });
    await tx.run.update({ where: { id: runId }, data: { status: "CANCELLED", cancelledById: actor.id } });
    await writeAudit(tx, { actorId: actor.id, action: "run.cancel", target: `run:${runId}`, details: { cancelledQueued: queued.length, stoppingActive: active } });
    return queued.flatMap((q) => (q.jobId ? [q.jobId] : []));
  });
  await endRunIfDone(runId);
  if (jobIds.length) await boss.cancel(AUDIT_HOST_QUEUE, jobIds);
}
