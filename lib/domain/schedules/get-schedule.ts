import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";
import { checkCron } from "@/lib/schedules/cron";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// The engagement's schedule and its next fire times, or null when it has none.
export async function getSchedule({ actor, engagementId, count = 3 }: { actor: TActor; engagementId: string; count?: number }) {
  await loadEngagement(db(), actor, engagementId, "engagement.read");
  if (!can(actor.role, "run.read")) return null;
  const schedule = await db().schedule.findUnique({ where: { engagementId }, include: { createdBy: { select: { name: true } } } });
  if (!schedule) return null;
  const check = checkCron(schedule.cron, schedule.timeZone, { count });
  return { schedule, next: check.ok ? check.next : [] };
}
