import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

const JUDGED = ["verified", "failed", "rollback-verified"];

// What a verification run concluded, step by step: the event it wrote (with the
// before/after diff in its details), the step's commands and rollback, and the evidence
// of the host runs the diff points into (for links).
export async function getVerificationResults({ actor, runId }: { actor: TActor; runId: string }) {
  assertCan(actor, "hardening.read");
  const events = await db().hardeningEvent.findMany({
    where: { kind: { in: JUDGED }, details: { path: ["runId"], equals: runId }, step: { engagement: engagementScope(actor) } },
    orderBy: { at: "asc" },
    include: { step: { select: { id: true, title: true, status: true, strategy: true, commands: true, verifyCommands: true, rollbackCommands: true, hostId: true, beforeHostRunId: true, host: { select: { label: true } }, finding: { select: { id: true, title: true, status: true } } } } },
  });
  const hostRunIds = [...new Set(events.flatMap((e) => [(e.details as { hostRunId?: string }).hostRunId, (e.details as { beforeHostRunId?: string }).beforeHostRunId]).filter((x): x is string => typeof x === "string"))];
  const evidence = hostRunIds.length ? await db().evidence.findMany({ where: { hostRunId: { in: hostRunIds } }, select: { id: true, hostRunId: true, key: true, command: true } }) : [];
  return { events, evidence };
}

export type TVerificationResults = Awaited<ReturnType<typeof getVerificationResults>>;
