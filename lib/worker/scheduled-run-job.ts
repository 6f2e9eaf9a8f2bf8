import { startRun } from "@/lib/domain/runs/start-run";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

export type TScheduledRunResult = { started: true; runId: string } | { started: false; reason: string };

// What a schedule's pg-boss job does when it fires: a normal AUDIT run over
// the engagement's active hosts, started as the person who set the schedule
// (so their membership and role are checked exactly as for a manual start).
// Anything that makes a run pointless or not allowed is a logged skip, not an
// error: retrying would not change it, and the next firing checks again.
export async function handleScheduledRun({ engagementId, log = (line) => console.log(line) }: { engagementId: string; log?: (line: string) => void }): Promise<TScheduledRunResult> {
  const skip = (reason: string): TScheduledRunResult => {
    log(`scheduled run of engagement ${engagementId} skipped: ${reason}`);
    return { started: false, reason };
  };
  const schedule = await db().schedule.findUnique({
    where: { engagementId },
    include: { engagement: { select: { archivedAt: true } }, createdBy: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  // A pg-boss schedule left behind by a removal that did not finish.
  if (!schedule) return skip("the engagement has no schedule");
  if (!schedule.enabled) return skip("the schedule is disabled");
  await db().schedule.update({ where: { id: schedule.id }, data: { lastFiredAt: new Date() } });
  if (schedule.engagement.archivedAt) return skip("the engagement is archived");
  // pg-boss sends one job per firing (singleton per schedule), so this check
  // is not racing another firing of the same schedule.
  const inProgress = await db().run.findFirst({ where: { engagementId, finishedAt: null }, select: { id: true } });
  if (inProgress) return skip(`run ${inProgress.id} is still in progress`);
  const { disabled, ...actor } = schedule.createdBy;
  if (disabled) return skip(`the schedule's creator (${actor.email}) is disabled`);

  try {
    const run = await startRun({ actor, engagementId, trigger: "SCHEDULE" });
    await db().schedule.update({ where: { id: schedule.id }, data: { lastRunId: run.id } });
    log(`scheduled run ${run.id} of engagement ${engagementId} started`);
    return { started: true, runId: run.id };
  } catch (error) {
    // E.g. no hosts left, or the creator is no longer a member: say so and wait for the next firing.
    if (error instanceof AppError) {
      const lostAccess = error.code === "NOT_FOUND" || error.code === "FORBIDDEN";
      return skip(lostAccess ? `the schedule's creator (${actor.email}) can no longer start runs in this engagement` : error.message);
    }
    throw error;
  }
}
