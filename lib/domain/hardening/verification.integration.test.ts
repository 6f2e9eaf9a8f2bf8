// Verification runs on real Postgres, through the worker's write path: an applied step is
// VERIFIED (and its finding RESOLVED) only when the verification run shows the exposure gone;
// still exposed is FAILED with the diff; an audit run that no longer sees a finding leaves it
// open; a rolled-back step is compared with the inventory before it.
import { beforeAll, describe, expect, it } from "vitest";
import { hostFacts, listener, owner } from "@/lib/audit/rules/testing/facts-factory";
import type { THostFacts } from "@/lib/audit/facts";
import type { TVerificationChecks } from "@/lib/audit/verification/verify-host";
import type { HardeningStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { recordTestHostRun } from "@/lib/testing/record-test-host-run";
import type { TActor } from "../actor";
import { startVerificationRun } from "./start-verification-run";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const sshd = listener("0.0.0.0", 22, { name: "sshd", pid: 39 });
const factsWith = (...ls: ReturnType<typeof listener>[]): THostFacts => hostFacts({ listeners: [sshd, ...ls], owners: ls.filter((l) => l.bindScope !== "loopback").map((l) => owner(l, { exe: "/usr/bin/redis-server", user: "redis" })) });
const redisOpen = () => factsWith(listener("0.0.0.0", 6379, { name: "redis-server", pid: 35 }));
const procNet = (...sockets: [string, number][]): TVerificationChecks => ({
  procNet: sockets.map(([address, port]) => ({ proto: "tcp", family: address.includes(":") ? "ipv6" : "ipv4", address, port, state: "LISTEN", uid: 0, inode: 1, evidence: ["proc-net"] })),
  procNetKeys: ["proc-net"],
  notes: [],
  steps: [],
  outside: [],
});

describe("verification runs", () => {
  let consultant: TActor;
  let reviewer: TActor;
  let outsider: TActor;
  let engagementId: string;
  let hostId: string;
  let beforeHostRunId: string;

  async function step(status: HardeningStatus, port = 6379, lastEvent?: string) {
    const finding = await makeFinding(db(), { engagementId, hostId, status: "CONFIRMED", port, proto: "tcp" });
    await db().finding.update({ where: { id: finding.id }, data: { address: "0.0.0.0", lastHostRunId: beforeHostRunId } });
    const s = await db().hardeningStep.create({
      data: { engagementId, hostId, findingId: finding.id, strategy: "BIND_LOCALHOST", title: `Bind ${port} to 127.0.0.1`, rationale: "r", commands: ["true"], expectedAfter: "loopback only", verifyCommands: ["ss -H -tlnp"], rollbackCommands: ["true"], status, proposedById: consultant.id, approvedById: reviewer.id, beforeHostRunId },
    });
    if (lastEvent) await db().hardeningEvent.create({ data: { stepId: s.id, kind: lastEvent, revision: 1, toStatus: status } });
    return { stepId: s.id, findingId: finding.id };
  }

  beforeAll(async () => {
    consultant = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    outsider = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    engagementId = (await makeEngagement(db(), { memberIds: [consultant.id, reviewer.id] })).id;
    await makeEngagement(db(), { memberIds: [outsider.id] });
    hostId = (await makeHost(db(), { engagementId, label: "cache-01" })).id;
    beforeHostRunId = (await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: redisOpen() })).hostRunId;
  });

  it("refuses to start with nothing to verify, and for another engagement's member", async () => {
    const runs = await db().run.count();
    const e = await startVerificationRun({ actor: consultant, engagementId }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toBe("No applied or rolled-back hardening step is waiting for verification. Nothing was started.");
    await step("APPLIED");
    expect(((await startVerificationRun({ actor: outsider, engagementId }).catch((x: unknown) => x)) as AppError).code).toBe("NOT_FOUND");
    expect(await db().run.count()).toBe(runs);
  });

  it("an audit run that no longer sees a finding leaves it open, with a not-seen event", async () => {
    const { findingId } = await step("APPROVED", 7000);
    await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: factsWith() });
    const f = await db().finding.findUniqueOrThrow({ where: { id: findingId }, include: { events: true } });
    expect(f.status).toBe("CONFIRMED");
    expect(f.events.map((e) => e.kind)).toEqual(["not-seen"]);
  });

  it("records when an open finding goes unseen and when it is seen again, not every run in between", async () => {
    const quietHostId = (await makeHost(db(), { engagementId, label: "cache-02" })).id;
    const audit = (facts: THostFacts) => recordTestHostRun(db(), { hostId: quietHostId, startedById: consultant.id, facts });
    await audit(redisOpen());
    await audit(factsWith());
    await audit(factsWith());
    await audit(redisOpen());
    await audit(redisOpen());
    await audit(factsWith());
    const redis = await db().finding.findFirstOrThrow({ where: { hostId: quietHostId, port: 6379 }, include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
    expect(redis.status).toBe("NEW");
    expect(redis.timesSeen).toBe(3);
    expect(redis.events.map((e) => e.kind)).toEqual(["seen", "not-seen", "seen", "not-seen"]);
  });

  it("starts a VERIFICATION run on the hosts with applied steps", async () => {
    const run = await startVerificationRun({ actor: consultant, engagementId });
    const hostRuns = await db().hostRun.findMany({ where: { runId: run.id } });
    expect([run.kind, hostRuns.map((h) => h.hostId)]).toEqual(["VERIFICATION", [hostId]]);
    await db().run.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
  });

  it("loopback only on both readings: VERIFIED with the diff, the finding RESOLVED; still exposed: FAILED, the finding open", async () => {
    await db().hardeningStep.updateMany({ where: { hostId, status: "APPLIED" }, data: { status: "VERIFIED" } }); // the first test's step is not this one's
    const fixed = await step("APPLIED", 6379);
    const stillOpen = await step("APPLIED", 8000);
    const after = factsWith(listener("127.0.0.1", 6379, { name: "redis-server", pid: 36 }), listener("0.0.0.0", 8000, { name: "python3", pid: 50 }));
    const { runId, hostRunId } = await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: after, kind: "VERIFICATION", checks: procNet(["0.0.0.0", 22], ["127.0.0.1", 6379], ["0.0.0.0", 8000]) });

    const ok = await db().hardeningStep.findUniqueOrThrow({ where: { id: fixed.stepId }, include: { events: true, finding: { include: { events: true } } } });
    expect([ok.status, ok.verificationRunId]).toEqual(["VERIFIED", runId]);
    const ev = ok.events.find((e) => e.kind === "verified")!;
    expect(ev.comment).toBe("tcp/6379: before 0.0.0.0:6379; after 127.0.0.1:6379: now bound to 127.0.0.1/::1 only");
    expect(ev.details).toMatchObject({ runId, hostRunId, beforeHostRunId, diff: { outcome: "loopback-only", before: { evidenceKeys: ["ss-tcp", "proc-exe:35", "proc-cmdline:35"] }, after: { evidenceKeys: ["ss-tcp", "proc-net"] } } });
    expect(ok.finding.status).toBe("RESOLVED");
    expect(ok.finding.events.map((e) => [e.kind, e.toStatus, e.runId])).toEqual([["resolved", "RESOLVED", runId]]);

    const bad = await db().hardeningStep.findUniqueOrThrow({ where: { id: stillOpen.stepId }, include: { events: true, finding: true } });
    expect(bad.status).toBe("FAILED");
    expect(bad.events.find((e) => e.kind === "failed")!.details).toMatchObject({ diff: { outcome: "unchanged", exposureGone: false } });
    expect(bad.finding.status).toBe("CONFIRMED");
    // A verification run does not classify: no finding was created or touched by it.
    expect(await db().finding.count({ where: { hostId, lastRunId: runId } })).toBe(0);
  });

  it("a connection from the Palisade worker that is accepted outweighs the host's own view: FAILED, saying both", async () => {
    await db().hardeningStep.updateMany({ where: { hostId, status: "APPLIED" }, data: { status: "VERIFIED" } });
    const { stepId, findingId } = await step("APPLIED", 6380);
    const outside = { address: "10.250.0.9", port: 6380, reach: "accepted" as const, text: "from the Palisade worker, 10.250.0.9:6380: connection accepted", evidenceKey: "outside-tcp:6380" };
    const after = factsWith(listener("127.0.0.1", 6380, { name: "redis-server", pid: 37 }));
    await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: after, kind: "VERIFICATION", checks: { ...procNet(["127.0.0.1", 6380]), outside: [outside] } });

    const judged = await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId }, include: { events: true, finding: true } });
    expect(judged.status).toBe("FAILED");
    const ev = judged.events.find((e) => e.kind === "failed")!;
    expect(ev.comment).toBe("tcp/6380: before not listed; after 127.0.0.1:6380: unchanged: still reachable from other machines; from the Palisade worker, 10.250.0.9:6380: connection accepted");
    expect(ev.details).toMatchObject({
      diff: {
        outcome: "unchanged",
        exposureGone: false,
        disagreement: "the host's own view says now bound to 127.0.0.1/::1 only, but a connection from the Palisade worker was accepted",
        after: { outside, evidenceKeys: expect.arrayContaining(["outside-tcp:6380"]) },
      },
    });
    expect((await db().finding.findUniqueOrThrow({ where: { id: findingId } })).status).toBe("CONFIRMED");
  });

  it("a rolled-back step: the run shows the port back and no inventory difference against the run before the step", async () => {
    const rolled = await step("ROLLED_BACK", 6379, "rolled_back");
    await db().finding.update({ where: { id: rolled.findingId }, data: { status: "RESOLVED" } });
    const { runId } = await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: redisOpen(), kind: "VERIFICATION", checks: procNet(["0.0.0.0", 22], ["0.0.0.0", 6379]) });
    const s = await db().hardeningStep.findUniqueOrThrow({ where: { id: rolled.stepId }, include: { events: { orderBy: { at: "asc" } } } });
    expect([s.status, s.verificationRunId]).toEqual(["ROLLED_BACK", runId]);
    const ev = s.events.at(-1)!;
    expect(ev.kind).toBe("rollback-verified");
    expect(ev.details).toMatchObject({ inventoryDiff: [], diff: { outcome: "unchanged" } });
    expect(ev.comment).toContain("no differences");
    // The port is back, so the finding its step had resolved is open again.
    expect(await db().finding.findUniqueOrThrow({ where: { id: rolled.findingId } })).toMatchObject({ status: "REOPENED", resolvedAt: null });
  });
});
