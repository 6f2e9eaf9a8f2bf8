import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// A run with its per-host progress, for the run page (polled while it runs).
export async function getRun({ actor, runId }: { actor: TActor; runId: string }) {
  const run = await db().run.findFirst({
    where: { id: runId, engagement: engagementScope(actor) },
    include: {
      engagement: { select: { id: true, name: true } },
      startedBy: { select: { name: true } },
      hostRuns: {
        orderBy: { host: { label: "asc" } },
        select: {
          id: true, status: true, attempts: true, startedAt: true, finishedAt: true, durationMs: true, failureReason: true, error: true, firstContact: true, presentedFingerprint: true,
          host: { select: { id: true, label: true, address: true, port: true, simulated: true } },
        },
      },
    },
  });
  if (!run) throw notFound("Run not found");
  assertCan(actor, "run.read");
  return run;
}

export type TRunView = Awaited<ReturnType<typeof getRun>>;
