import { db } from "@/lib/server/db";
import { TERMINAL_HOST_STATUSES } from "./host-run-status";

// Ends the run once every host is terminal. Finishers of one run serialise on
// the run row, so the last of several hosts finishing at once always sees the
// others' results and no run is left RUNNING.
export async function finishRunIfDone(runId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<{ status: string; finishedAt: Date | null }[]>`SELECT status, "finishedAt" FROM "Run" WHERE id = ${runId} FOR UPDATE`;
    if (!run || run.finishedAt) return;
    const pending = await tx.hostRun.count({ where: { runId, status: { notIn: TERMINAL_HOST_STATUSES } } });
    if (pending) return;
    const failed = await tx.hostRun.count({ where: { runId, status: "FAILED" } });
    const status = run.status === "CANCELLED" ? "CANCELLED" : failed ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
    await tx.run.update({ where: { id: runId }, data: { status, finishedAt: new Date() } });
  });
}
