import { spawn } from "node:child_process";
import { ACTIVE_HOST_STATUSES } from "@/lib/domain/runs/host-run-status";
import { db } from "@/lib/server/db";

// Starts a worker process (scripts/worker.ts, 3 hosts at once) and SIGKILLs it
// with work in flight: once it has ended `minDone` hosts of the run and holds
// at least one more. Returns the host runs it left in flight, for another
// worker to take over when their jobs expire.
export async function killWorkerMidRun(runId: string, { minDone }: { minDone: number }): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, PALISADE_WORKER_CONCURRENCY: "3" },
    stdio: "ignore",
  });
  const exited = new Promise((r) => child.once("exit", r));
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [done, active] = await Promise.all([
        db().hostRun.count({ where: { runId, status: { in: ["DONE", "FAILED"] } } }),
        db().hostRun.count({ where: { runId, status: { in: ACTIVE_HOST_STATUSES } } }),
      ]);
      if (done >= minDone && active > 0) break;
      if (Date.now() > deadline) throw new Error("the child worker never got going");
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
  const orphaned = await db().hostRun.findMany({ where: { runId, status: { in: ACTIVE_HOST_STATUSES } }, select: { id: true } });
  return orphaned.map((o) => o.id);
}
