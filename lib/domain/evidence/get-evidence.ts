import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// One evidence item, reachable only through an engagement the actor can see.
export async function getEvidence({ actor, evidenceId }: { actor: TActor; evidenceId: string }) {
  const evidence = await db().evidence.findFirst({
    where: { id: evidenceId, hostRun: { host: { engagement: engagementScope(actor) } } },
    include: { hostRun: { select: { id: true, runId: true, host: { select: { id: true, label: true, address: true, port: true, username: true, engagementId: true } } } } },
  });
  if (!evidence) throw notFound("Evidence not found");
  assertCan(actor, "evidence.read");
  return evidence;
}
