import { db } from "@/lib/server/db";
import { notifyRunFinished } from "./notify-run-finished";

// Ends the run once every host is terminal. Each host calls this after its own
// result has committed, so whichever host commits last sees every other result
// and ends the run. The Run row lock orders this against a cancel: a cancel
// that counted this host as still active commits before the check runs, and
// the check (a new statement, a new snapshot) sees the hosts it cancelled.
// NO KEY UPDATE, so rows that merely refer to the run (findings) are not held up.
export async function finishRunIfDone(runId: string): Promise<void> {
  const ended = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Run" WHERE id = ${runId} FOR NO KEY UPDATE`;
    return tx.$executeRaw`
      UPDATE "Run" SET
        "finishedAt" = now(),
        status = CASE
          WHEN status = 'CANCELLED' THEN 'CANCELLED'::"RunStatus"
          WHEN EXISTS (SELECT 1 FROM "HostRun" WHERE "runId" = ${runId} AND status = 'FAILED') THEN 'COMPLETED_WITH_ERRORS'::"RunStatus"
          ELSE 'COMPLETED'::"RunStatus"
        END
      WHERE id = ${runId}
        AND "finishedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "HostRun" WHERE "runId" = ${runId} AND status NOT IN ('DONE', 'FAILED', 'CANCELLED'))`;
  });
  // Only the call that ended the run notifies, so a run notifies once. A
  // notification that cannot be queued must not undo or retry the host's work.
  if (ended) await notifyRunFinished(runId).catch((error: unknown) => console.error(`Notifying the end of run ${runId} failed:`, error instanceof Error ? error.message : error));
}
