import type { TTx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan, type TPermission } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// A step visible only through an engagement the actor can see; a foreign id
// answers NOT_FOUND exactly like a missing one. Locked FOR UPDATE so two
// people deciding at once cannot both pass the same check.
export async function loadStep(tx: TTx, actor: TActor, stepId: string, permission: TPermission) {
  const step = await tx.hardeningStep.findFirst({ where: { id: stepId, engagement: engagementScope(actor) }, include: { engagement: { select: { id: true, hardeningExecution: true } } } });
  if (!step) throw notFound("Hardening step not found");
  assertCan(actor, permission);
  await tx.$executeRaw`SELECT 1 FROM "HardeningStep" WHERE id = ${step.id} FOR UPDATE`;
  const fresh = await tx.hardeningStep.findUniqueOrThrow({ where: { id: step.id } });
  return { ...fresh, engagement: step.engagement };
}

export type TLoadedStep = Awaited<ReturnType<typeof loadStep>>;

// Who wrote the revision being decided on: its proposer (revision 1) and
// everyone who edited the step to this revision.
export async function authorsOfRevision(tx: TTx, step: TLoadedStep): Promise<Set<string>> {
  const edits = await tx.hardeningEvent.findMany({ where: { stepId: step.id, kind: "edited", revision: step.revision }, select: { actorId: true } });
  return new Set([step.proposedById, ...edits.flatMap((e) => (e.actorId ? [e.actorId] : []))]);
}
