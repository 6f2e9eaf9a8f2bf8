import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRun } from "@/lib/domain/runs/cancel-run";
import { startRun } from "@/lib/domain/runs/start-run";
import { db } from "@/lib/server/db";
import { simEngagement, waitForRunEnd } from "@/lib/testing/sim-run";
import { limitsFromEnv, startWorker, type TRunningWorker } from "./worker";
import { env } from "@/lib/server/env";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

// The whole pipeline without root: the demo fleet's real ssh2 servers replay
// the lab's 13 scenarios; a run is enqueued through pg-boss and worked.
describe("an audit run over the demo fleet", () => {
  let sim: Awaited<ReturnType<typeof simEngagement>>;
  let worker: TRunningWorker;
  let runId: string;

  beforeAll(async () => {
    // One host is left unpinned to take the trust-on-first-use path.
    sim = await simEngagement({ hosts: 13, pin: (label) => !label.includes("nginx-http") });
    worker = await startWorker({ concurrency: 4, limits: limitsFromEnv(env) });
    runId = (await startRun({ actor: sim.actor, engagementId: sim.engagementId })).id;
    await waitForRunEnd(runId);
  });

  afterAll(async () => {
    await worker?.stop();
    await sim?.close();
  });

  const hostRunOf = (scenario: string) =>
    db().hostRun.findFirstOrThrow({ where: { runId, host: { label: { contains: scenario } } }, include: { listeners: true, evidence: true, host: true } });

  it("ends completed with errors: each broken host fails alone with its reason", async () => {
    const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { hostRuns: { include: { host: true } } } });
    expect(run.status).toBe("COMPLETED_WITH_ERRORS");
    const failed = run.hostRuns.filter((h) => h.status === "FAILED").map((h) => [h.host.label.replace(/^[a-z]+\d+-/, ""), h.failureReason]);
    expect(failed.sort()).toEqual([["host-key-changed", "host-key-changed"], ["unreachable", "unreachable"]]);
    expect(run.hostRuns.filter((h) => h.status === "DONE")).toHaveLength(11);
    const changed = run.hostRuns.find((h) => h.failureReason === "host-key-changed")!;
    expect(changed.error).toContain(changed.host.hostKeyFingerprint!);
  });

  it("stores who owns the exposed redis port, linked to its raw evidence", async () => {
    const redis = await hostRunOf("redis-open");
    const listener = redis.listeners.find((l) => l.port === 6379 && l.proto === "tcp");
    expect(listener).toMatchObject({ address: "0.0.0.0", bindScope: "all", processName: "redis-server", systemdUnit: "redis-server.service", user: "redis" });
    // redis rewrites its own argv into one string (its process title), as ps shows it.
    expect(listener!.cmdline[0]).toMatch(/^\/usr\/bin\/redis-server /);
    const keys = new Set(redis.evidence.map((e) => e.key));
    expect(listener!.evidenceKeys.length).toBeGreaterThan(1);
    for (const key of listener!.evidenceKeys) expect(keys).toContain(key);
    const ss = redis.evidence.find((e) => e.key === "ss-tcp")!;
    expect(ss.stdout).toContain("0.0.0.0:6379");
    expect(ss.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(db().$executeRaw`UPDATE "Evidence" SET stdout = 'nothing to see' WHERE id = ${ss.id}`).rejects.toThrow(/immutable/);
  });

  it("finds the http.server a crontab started from /tmp", async () => {
    const cron = await hostRunOf("cron-http-server");
    const listener = cron.listeners.find((l) => l.bindScope !== "loopback" && l.processName?.startsWith("python3"));
    expect(listener?.cwd).toBe("/tmp");
    expect(listener?.parentCmdline.join(" ")).toContain("http.server");
  });

  it("pins the key of a host seen for the first time and asks for approval", async () => {
    const first = await hostRunOf("nginx-http");
    expect(first.firstContact).toBe(true);
    expect(first.host.hostKeyFingerprint).toBe(first.presentedFingerprint);
    expect(first.host.hostKeyPinnedAt).not.toBeNull();
    expect(first.host.hostKeyApprovedAt).toBeNull();
  });

  it("classifies the exposed redis as a critical finding that explains itself", async () => {
    const redis = await hostRunOf("redis-open");
    const findings = await db().finding.findMany({ where: { hostId: redis.hostId } });
    const critical = findings.find((f) => f.port === 6379 && f.severity === "CRITICAL");
    expect(critical).toBeDefined();
    expect(critical!.why).toMatch(/6379/);
    expect(critical!.reproduce.length).toBeGreaterThan(0);
    const keys = new Set(redis.evidence.map((e) => e.key));
    expect(critical!.evidenceKeys.every((k) => keys.has(k))).toBe(true);
    const probe = await db().probe.findFirst({ where: { hostRunId: redis.id, port: 6379 } });
    expect(probe).toMatchObject({ protocol: "redis", authRequired: false });
  });

  it("dedups findings across runs: a second run marks them recurring, not new", async () => {
    const before = await db().finding.count({ where: { engagementId: sim.engagementId } });
    const second = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
    await waitForRunEnd(second.id);
    const findings = await db().finding.findMany({ where: { engagementId: sim.engagementId } });
    expect(findings).toHaveLength(before);
    expect(findings.every((f) => f.timesSeen === 2 && f.lastRunId === second.id && f.status === "NEW")).toBe(true);
  });

  it("does every host once and writes no duplicate facts", async () => {
    const hostRuns = await db().hostRun.findMany({ where: { runId }, include: { listeners: true } });
    expect(hostRuns).toHaveLength(13);
    for (const h of hostRuns) {
      expect(h.attempts).toBe(1);
      const keys = h.listeners.map((l) => `${l.proto} ${l.address} ${l.port}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe("sharing and cancelling runs", () => {
  it("lets two workers share a run without doing a host twice", async () => {
    const sim = await simEngagement({ hosts: 26 });
    const workers = await Promise.all([1, 2].map(() => startWorker({ concurrency: 3, limits: limitsFromEnv(env) })));
    try {
      const run = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
      await waitForRunEnd(run.id);
      const hostRuns = await db().hostRun.findMany({ where: { runId: run.id } });
      expect(hostRuns).toHaveLength(26);
      expect(hostRuns.every((h) => h.attempts === 1)).toBe(true);
      expect(hostRuns.filter((h) => h.status === "DONE")).toHaveLength(22);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await sim.close();
    }
  });

  it("cancels a running run: queued hosts never start and the run ends cancelled", async () => {
    const sim = await simEngagement({ hosts: 40 });
    const worker = await startWorker({ concurrency: 1, limits: limitsFromEnv(env) });
    try {
      const run = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
      while ((await db().hostRun.count({ where: { runId: run.id, status: { in: ["DONE", "FAILED"] } } })) < 2) await new Promise((r) => setTimeout(r, 20));
      await cancelRun({ actor: sim.actor, runId: run.id });
      const ended = await waitForRunEnd(run.id);
      expect(ended.status).toBe("CANCELLED");
      const statuses = await db().hostRun.groupBy({ by: ["status"], where: { runId: run.id }, _count: true });
      const cancelled = statuses.find((s) => s.status === "CANCELLED")?._count ?? 0;
      expect(cancelled).toBeGreaterThan(30);
      await expect(cancelRun({ actor: sim.actor, runId: run.id })).rejects.toThrow(/already ended/);
    } finally {
      await worker.stop();
      await sim.close();
    }
  });
});
