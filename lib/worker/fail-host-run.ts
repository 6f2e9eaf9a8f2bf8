import { db } from "@/lib/server/db";
import { finishRunIfDone } from "./finish-run";
import { TERMINAL_HOST_STATUSES } from "@/lib/domain/runs/host-run-status";
import { pgText } from "@/lib/server/pg-text";

// A host whose job failed on its last attempt (Palisade itself threw, not the
// host) must not hold its run open forever: it fails alone, saying so.
export async function failHostRun(hostRunId: string, message: string): Promise<void> {
  const hostRun = await db().hostRun.findUnique({ where: { id: hostRunId }, select: { runId: true } });
  if (!hostRun) return;
  await db().hostRun.updateMany({
    where: { id: hostRunId, status: { notIn: TERMINAL_HOST_STATUSES } },
    data: { status: "FAILED", failureReason: "error", error: pgText(`Palisade could not finish this host: ${message}`).slice(0, 2000), finishedAt: new Date() },
  });
  await finishRunIfDone(hostRun.runId);
}
