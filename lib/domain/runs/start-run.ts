import type { RunTrigger } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { enqueueHostRuns } from "./enqueue-host-runs";
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
    await enqueueHostRuns(tx, boss, run.id, hosts.map((h) => h.id));
    await writeAudit(tx, { actorId: actor.id, action: "run.start", target: `run:${run.id}`, details: { engagementId, hosts: hosts.length, trigger } });
    return run;
  });
}
