import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import { dropBossSchedule } from "@/lib/schedules/queue";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// Stops scheduled audits of the engagement and forgets the schedule. Runs
// already started go on.
export async function removeSchedule({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  const boss = await getBoss("web");
  await inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "schedule.write");
    const schedule = await tx.schedule.findUnique({ where: { engagementId } });
    if (!schedule) throw notFound("This engagement has no schedule");
    await tx.schedule.delete({ where: { id: schedule.id } });
    await writeAudit(tx, { actorId: actor.id, action: "schedule.remove", target: `schedule:${schedule.id}`, details: { engagementId, cron: schedule.cron, timeZone: schedule.timeZone } });
    await dropBossSchedule(boss, engagementId);
  });
}
