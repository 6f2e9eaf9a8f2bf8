import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import { dropBossSchedule, putBossSchedule } from "@/lib/schedules/queue";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// Pauses or resumes the engagement's schedule, keeping its cron and time zone.
// A paused schedule has no pg-boss schedule (nor any firing not yet picked up);
// resuming writes it back. Runs already started go on either way.
export async function setScheduleEnabled({ actor, engagementId, enabled }: { actor: TActor; engagementId: string; enabled: boolean }) {
  const boss = await getBoss("web");
  return inTransaction(async (tx) => {
    const engagement = await loadEngagement(tx, actor, engagementId, "schedule.write");
    const schedule = await tx.schedule.findUnique({ where: { engagementId } });
    if (!schedule) throw notFound("This engagement has no schedule");
    if (schedule.enabled === enabled) return schedule;
    if (enabled && engagement.archivedAt) throw new AppError("CONFLICT", "This engagement is archived: restore it before resuming its scheduled audits");
    const updated = await tx.schedule.update({ where: { id: schedule.id }, data: { enabled } });
    const { cron, timeZone } = schedule;
    await writeAudit(tx, { actorId: actor.id, action: enabled ? "schedule.resume" : "schedule.pause", target: `schedule:${schedule.id}`, details: { engagementId, cron, timeZone } });
    if (enabled) await putBossSchedule(boss, { engagementId, cron, timeZone });
    else await dropBossSchedule(boss, engagementId);
    return updated;
  });
}
