import { describe, expect, it } from "vitest";

// Jobs a dead worker held must come back soon enough for a test: read before
// the modules below load their configuration.
process.env.PALISADE_JOB_EXPIRE_SECONDS = "5";
process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const { db } = await import("@/lib/server/db");
const { env } = await import("@/lib/server/env");
const { startRun } = await import("@/lib/domain/runs/start-run");
const { simEngagement, waitForRunEnd } = await import("@/lib/testing/sim-run");
const { limitsFromEnv, startWorker } = await import("./worker");
const { killWorkerMidRun } = await import("@/lib/testing/kill-worker-mid-run");


describe("a worker killed mid-run", () => {
  it("leaves its hosts to another worker, which completes the run with no duplicates", async () => {
    const sim = await simEngagement({ hosts: 60 });
    const run = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
    let replacement: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const orphaned = await killWorkerMidRun(run.id, { minDone: 3 });
      expect(orphaned.length).toBeGreaterThan(0);

      replacement = await startWorker({ concurrency: 4, limits: limitsFromEnv(env) });
      const ended = await waitForRunEnd(run.id, 90_000);
      expect(ended.status).toBe("COMPLETED_WITH_ERRORS");

      const hostRuns = await db().hostRun.findMany({ where: { runId: run.id }, include: { host: { select: { label: true } }, listeners: true, _count: { select: { evidence: true } } } });
      expect(new Set(hostRuns.filter((h) => h.status === "FAILED").map((h) => h.failureReason))).toEqual(new Set(["unreachable", "host-key-changed"]));
      // Taken again and ended as the scenario says: the dead worker may have held a host that
      // fails by design (unreachable, changed key) as well as healthy ones.
      const outcome = new Map(sim.manifest.hosts.map((h) => [h.label, h.expected.outcome === "audited" ? "DONE" : "FAILED"]));
      for (const h of hostRuns.filter((h) => orphaned.includes(h.id))) {
        expect([h.host.label, h.status, h.attempts]).toEqual([h.host.label, outcome.get(h.host.label), 2]);
      }
      for (const h of hostRuns) {
        const keys = h.listeners.map((l) => `${l.proto} ${l.address} ${l.port}`);
        expect(new Set(keys).size).toBe(keys.length);
        if (h.status === "DONE") expect(h._count.evidence).toBeGreaterThan(10);
      }
    } finally {
      await replacement?.stop();
      await sim.close();
    }
  }, 120_000);
});
