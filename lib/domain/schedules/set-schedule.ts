import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import { checkCron, normaliseCron } from "@/lib/schedules/cron";
import { putBossSchedule } from "@/lib/schedules/queue";
import type { TScheduleInput } from "@/lib/validation/schedule-schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// Creates or replaces the engagement's schedule. Runs it starts act as the
// person who set it last (their membership and role are checked each time).
// The pg-boss schedule is written last inside the transaction: if pg-boss
// refuses it, the Schedule row and its audit entry roll back with it.
export async function setSchedule({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: TScheduleInput }) {
  const cron = normaliseCron(input.cron);
  const timeZone = input.timeZone.trim();
  const boss = await getBoss("web");
  return inTransaction(async (tx) => {
    const engagement = await loadEngagement(tx, actor, engagementId, "schedule.write");
    const check = checkCron(cron, timeZone);
    if (!check.ok) throw new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", check.fieldErrors);
    if (engagement.archivedAt) throw new AppError("CONFLICT", "This engagement is archived: restore it before scheduling audits");
    const previous = await tx.schedule.findUnique({ where: { engagementId }, select: { cron: true, timeZone: true } });
    const data = { cron, timeZone, enabled: true, createdById: actor.id };
    const schedule = await tx.schedule.upsert({ where: { engagementId }, create: { engagementId, ...data }, update: data });
    await writeAudit(tx, { actorId: actor.id, action: "schedule.set", target: `schedule:${schedule.id}`, details: { engagementId, cron, timeZone, previous } });
    await putBossSchedule(boss, { engagementId, cron, timeZone });
    return { schedule, next: check.next };
  });
}
