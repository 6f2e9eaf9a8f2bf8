import { db } from "@/lib/server/db";

// Ends the run once every host is terminal, in one statement; true if this
// call ended it. Whoever changes a host's state calls it after committing: the
// worker for each host it finishes, and a cancel for the hosts it cancelled.
// So whichever commits last sees every other change and ends the run, whatever
// the interleaving, with no lock on the run while hosts finish.
export async function endRunIfDone(runId: string): Promise<boolean> {
  const ended = await db().$executeRaw`
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
  return ended > 0;
}
