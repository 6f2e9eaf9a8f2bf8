import { endRunIfDone } from "@/lib/domain/runs/end-run-if-done";
import { notifyRunFinished } from "./notify-run-finished";

// Called after each host's result has committed. Only the call that ended the
// run notifies, so a run notifies once. A notification that cannot be queued
// must not undo or retry the host's work.
export async function finishRunIfDone(runId: string): Promise<void> {
  if (await endRunIfDone(runId)) await notifyRunFinished(runId).catch((error: unknown) => console.error(`Notifying the end of run ${runId} failed:`, error instanceof Error ? error.message : error));
}
