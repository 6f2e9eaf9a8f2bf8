import { describe, expect, it } from "vitest";
import { cancelRun } from "@/lib/domain/runs/cancel-run";
import { startRun } from "@/lib/domain/runs/start-run";
import { db } from "@/lib/server/db";
import { generateEd25519 } from "@/scripts/lab/keys";
import { seedFleetEngagement } from "@/lib/testing/seed-fleet-engagement";
import { holdRowLock, untilLockWaiters } from "@/lib/testing/row-locks";
import { finishRunIfDone } from "./finish-run";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

// The race CI once hit: a cancel counts a host as still active, that host ends
// and checks for the run's end before the cancel commits, and nobody is left
// to end the run. Here the interleaving is forced by holding the Run row, which
// stops the cancel just before it marks the run cancelled.
describe("a run cancelled while its last active host ends", () => {
  it("still ends, cancelled", async () => {
    const key = generateEd25519("test").privateKey;
    const hosts = [1, 2, 3].map((i) => ({ label: `h${i}`, address: `10.9.8.${i}`, port: 22, username: "root", hostKeyFingerprint: null }));
    const { actor, engagementId } = await seedFleetEngagement(hosts, key);
    const run = await startRun({ actor, engagementId });
    const [active] = await db().hostRun.findMany({ where: { runId: run.id }, take: 1 });
    await db().hostRun.update({ where: { id: active!.id }, data: { status: "FORENSICS" } });
    await db().run.update({ where: { id: run.id }, data: { status: "RUNNING" } });

    const release = await holdRowLock("Run", run.id);
    const cancelling = cancelRun({ actor, runId: run.id });
    await untilLockWaiters(1);
    await db().hostRun.update({ where: { id: active!.id }, data: { status: "DONE", finishedAt: new Date() } });
    // The host's check still sees the queued hosts the cancel has not committed.
    await finishRunIfDone(run.id);
    await release();
    await cancelling;

    const ended = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { hostRuns: true } });
    expect(ended.status).toBe("CANCELLED");
    expect(ended.finishedAt).not.toBeNull();
    expect(ended.hostRuns.map((h) => h.status).sort()).toEqual(["CANCELLED", "CANCELLED", "DONE"]);
  });
});
