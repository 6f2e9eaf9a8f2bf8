import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import { getBoss } from "@/lib/server/jobs/boss";
import type { TActor } from "../actor";
import { enqueueHostRuns } from "../runs/enqueue-host-runs";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";
import { stepsToVerify } from "./record-verification";

// A VERIFICATION run over the hosts of the engagement's applied (or just rolled-back)
// hardening steps: discovery and forensics again, plus independent reads and each step's
// verify commands. Its result, not a person, moves a step to VERIFIED or FAILED.
export async function startVerificationRun({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  const boss = await getBoss("web");
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "run.start");
    const hosts = await tx.host.findMany({ where: { engagementId, archivedAt: null, hardeningSteps: { some: { status: { in: ["APPLIED", "ROLLED_BACK"] } } } }, select: { id: true } });
    const due = [];
    for (const h of hosts) if ((await stepsToVerify(tx, h.id)).length) due.push(h.id);
    if (!due.length) throw new AppError("VALIDATION", "No applied or rolled-back hardening step is waiting for verification. Nothing was started.");
    const run = await tx.run.create({ data: { engagementId, startedById: actor.id, kind: "VERIFICATION" } });
    await enqueueHostRuns(tx, boss, run.id, due);
    await writeAudit(tx, { actorId: actor.id, action: "run.start-verification", target: `run:${run.id}`, details: { engagementId, hosts: due.length } });
    return run;
  });
}
