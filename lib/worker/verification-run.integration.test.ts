// A verification run through the whole pipeline (startVerificationRun -> pg-boss -> worker ->
// verifyHost over real SSH -> database) against the demo fleet's redis-open host, which
// replays the lab capture: redis is still on 0.0.0.0 there, so the step it judges FAILS with
// the diff, its finding stays open, and no finding is classified by the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { makeUser } from "@/lib/testing/factories";
import { simEngagement, waitForRunEnd } from "@/lib/testing/sim-run";
import { startVerificationRun } from "@/lib/domain/hardening/start-verification-run";
import { startRun } from "@/lib/domain/runs/start-run";
import { limitsFromEnv, startWorker, type TRunningWorker } from "./worker";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

describe("a verification run over SSH", () => {
  let sim: Awaited<ReturnType<typeof simEngagement>>;
  let worker: TRunningWorker;

  beforeAll(async () => {
    sim = await simEngagement({ hosts: 1 });
    worker = await startWorker({ concurrency: 1, limits: limitsFromEnv(env) });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await sim?.close();
  });

  it("re-reads the host with /proc/net and the step's verify commands, and judges the step on the diff", async () => {
    const audit = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
    await waitForRunEnd(audit.id);
    const finding = await db().finding.findFirstOrThrow({ where: { engagementId: sim.engagementId, port: 6379, proto: "tcp" }, orderBy: { severityRank: "asc" } });
    await db().finding.update({ where: { id: finding.id }, data: { status: "CONFIRMED" } });
    const reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    // The scene: a step recorded as applied by hand (the demo host cannot really change).
    const step = await db().hardeningStep.create({
      data: { engagementId: sim.engagementId, hostId: finding.hostId, findingId: finding.id, strategy: "BIND_LOCALHOST", title: "Bind redis to 127.0.0.1", rationale: "r", commands: ["true"], expectedAfter: "loopback only", verifyCommands: ["ss -H -tlnp", "cat /etc/redis/redis.conf"], rollbackCommands: ["true"], status: "APPLIED", proposedById: sim.actor.id, approvedById: reviewer.id, beforeHostRunId: finding.lastHostRunId },
    });

    const run = await startVerificationRun({ actor: sim.actor, engagementId: sim.engagementId });
    const ended = await waitForRunEnd(run.id);
    expect([ended.kind, ended.status]).toEqual(["VERIFICATION", "COMPLETED"]);
    const hostRun = await db().hostRun.findFirstOrThrow({ where: { runId: run.id }, include: { evidence: { select: { key: true, phase: true, exitCode: true } }, probes: true } });
    expect(hostRun.status).toBe("DONE");
    const byKey = new Map(hostRun.evidence.map((e) => [e.key, e]));
    expect(byKey.get("ss-tcp")?.phase).toBe("discovery");
    expect(byKey.get("proc-net")?.phase).toBe("verification");
    expect(byKey.get(`verify:${step.id}:1`)).toMatchObject({ phase: "verification", exitCode: 0 });
    expect(byKey.has(`verify:${step.id}:2`)).toBe(true);
    expect(hostRun.probes).toEqual([]); // no probing: it would connect to the ports being judged

    const judged = await db().hardeningStep.findUniqueOrThrow({ where: { id: step.id }, include: { events: true, finding: true } });
    expect([judged.status, judged.verificationRunId]).toEqual(["FAILED", run.id]);
    const ev = judged.events.find((e) => e.kind === "failed")!;
    expect(ev.comment).toMatch(/^tcp\/6379: before 0\.0\.0\.0:6379.*; after 0\.0\.0\.0:6379.*: unchanged: still reachable from other machines$/);
    expect(ev.details).toMatchObject({ hostRunId: hostRun.id, diff: { outcome: "unchanged" }, verifyCommands: [{ key: `verify:${step.id}:1`, command: "ss -H -tlnp", exitCode: 0 }, { key: `verify:${step.id}:2` }] });
    expect(judged.finding.status).toBe("CONFIRMED");
    expect(await db().finding.count({ where: { engagementId: sim.engagementId, lastRunId: run.id } })).toBe(0);
  }, 90_000);
});
