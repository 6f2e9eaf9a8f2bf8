import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { stopBoss } from "@/lib/server/jobs/boss";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { seedRedisHostRun } from "@/lib/testing/hardening-factory";
import type { TActor } from "../actor";
import { approveHardeningStep } from "./approve-hardening-step";
import { editHardeningStep, type THardeningEdit } from "./edit-hardening-step";
import { executeHardeningStep } from "./execute-hardening-step";
import { getHardeningStep } from "./get-hardening-step";
import { listHardeningSteps } from "./list-hardening-steps";
import { proposeHardening } from "./propose-hardening";
import { recordHardeningByHand } from "./record-hardening-by-hand";
import { rejectHardeningStep } from "./reject-hardening-step";
import { rollbackHardeningStep } from "./rollback-hardening-step";
import { setHardeningExecution } from "./set-hardening-execution";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// Everything a hardening operation may write: the step, its events, the audit log, the job queue.
async function snapshot(stepId: string) {
  const [step, events, audit, jobs] = await Promise.all([
    db().hardeningStep.findUnique({ where: { id: stepId } }),
    db().hardeningEvent.count({ where: { stepId } }),
    db().auditLog.count(),
    db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'hardening-step' AND data->>'stepId' = ${stepId}`.then((r) => Number(r[0]!.n)).catch(() => 0),
  ]);
  return { step, events, audit, jobs };
}

async function expectRefusedUnchanged(stepId: string, work: () => Promise<unknown>, code: string, message: RegExp) {
  const before = await snapshot(stepId);
  const error = await refused(work());
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  expect(await snapshot(stepId)).toEqual(before);
}

describe("hardening steps under dual control", () => {
  let proposer: TActor;
  let applier: TActor;
  let reviewer: TActor;
  let reviewer2: TActor;
  let outsider: TActor;
  let engagementId: string;
  let hostId: string;
  let hostRunId: string;

  const confirmedFinding = async (port = 6379) => {
    const f = await makeFinding(db(), { engagementId, hostId, status: "CONFIRMED", ruleId: "exposed-unauthenticated-datastore", proto: "tcp", port, title: `Redis without auth on ${port}` });
    await db().finding.update({ where: { id: f.id }, data: { address: "0.0.0.0", lastHostRunId: hostRunId } });
    return f.id;
  };

  beforeAll(async () => {
    proposer = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    applier = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    reviewer2 = (await makeUser(db(), { role: "REVIEWER" })).actor;
    outsider = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    engagementId = (await makeEngagement(db(), { memberIds: [proposer.id, applier.id, reviewer.id, reviewer2.id] })).id;
    hostId = (await makeHost(db(), { engagementId, label: "lab01-redis-open" })).id;
    hostRunId = (await seedRedisHostRun(db(), { engagementId, hostId, startedById: proposer.id, ports: [6379, 6380, 6381] })).hostRunId;
    await makeEngagement(db(), { memberIds: [outsider.id] });
  });

  afterAll(async () => {
    await stopBoss("web");
  });

  it("proposes the redis bind from the finding's host run, records it, and refuses a second open step", async () => {
    const findingId = await confirmedFinding();
    const step = await proposeHardening({ actor: proposer, findingId });
    expect(step).toMatchObject({ strategy: "BIND_LOCALHOST", status: "PROPOSED", revision: 1, proposedById: proposer.id, beforeHostRunId: hostRunId });
    expect(step.commands).toContain("systemctl restart 'redis-server.service'");
    expect(step.commands).toContain(`cp -a '/etc/redis/redis.conf' '/var/backups/palisade-${step.id}/etc/redis/redis.conf'`);
    const detail = await getHardeningStep({ actor: reviewer, stepId: step.id });
    expect(detail.events.map((e) => [e.kind, e.toStatus, e.actorId])).toEqual([["proposed", "PROPOSED", proposer.id]]);
    expect(await db().auditLog.count({ where: { action: "hardening.proposed", target: `hardening-step:${step.id}` } })).toBe(1);
    const again = await refused(proposeHardening({ actor: proposer, findingId }));
    expect(again.message).toMatch(/already has a proposed hardening step/);
  });

  it("refuses to propose for an unconfirmed finding, or across engagements (404)", async () => {
    const f = await makeFinding(db(), { engagementId, hostId, status: "NEW", ruleId: "exposed-unauthenticated-datastore", proto: "tcp", port: 6379 });
    expect((await refused(proposeHardening({ actor: proposer, findingId: f.id }))).message).toMatch(/Only a confirmed finding/);
    expect((await refused(proposeHardening({ actor: outsider, findingId: f.id }))).code).toBe("NOT_FOUND");
    expect(await db().hardeningStep.count({ where: { findingId: f.id } })).toBe(0);
  });

  it("walks the whole sign-off, refusing each shortcut with its reason and changing nothing", async () => {
    const findingId = await confirmedFinding(6380);
    const { id } = await proposeHardening({ actor: proposer, findingId });
    await setHardeningExecution({ actor: proposer, engagementId, enabled: true });

    // The proposer approves their own step.
    await expectRefusedUnchanged(id, () => approveHardeningStep({ actor: proposer, stepId: id }), "FORBIDDEN", /^You proposed or edited this revision of the step: a different reviewer must approve it\. Nothing was changed\.$/);
    // Another consultant is no reviewer.
    await expectRefusedUnchanged(id, () => approveHardeningStep({ actor: applier, stepId: id }), "FORBIDDEN", /permission/);
    // A consultant cannot approve; and an unapproved step is executed.
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: applier, stepId: id }), "CONFLICT", /^Only an approved step can be executed; this step is proposed\. Nothing was run\.$/);
    await expectRefusedUnchanged(id, () => recordHardeningByHand({ actor: applier, stepId: id, outcome: "applied" }), "CONFLICT", /Only an approved step can be recorded as applied/);

    await approveHardeningStep({ actor: reviewer, stepId: id, comment: "bind line checked" });
    expect(await db().hardeningStep.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", approvedById: reviewer.id, approvedRevision: 1 });

    // The approver applies it (by hand or by Palisade) — and the proposer starts Palisade's run.
    await expectRefusedUnchanged(id, () => recordHardeningByHand({ actor: reviewer, stepId: id, outcome: "applied" }), "FORBIDDEN", /^You approved this step: someone else must apply it\. Nothing was run\.$/);
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: reviewer, stepId: id }), "FORBIDDEN", /^You approved this step: someone else must apply it/);
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: proposer, stepId: id }), "FORBIDDEN", /You proposed this step/);

    // Edited after approval: back to PROPOSED, the approval gone, execution refused until re-approved.
    const current = await db().hardeningStep.findUniqueOrThrow({ where: { id } });
    const edit: THardeningEdit = { title: current.title, rationale: current.rationale, commands: [...current.commands.slice(0, -1), "systemctl try-restart 'redis-server.service'"], expectedAfter: current.expectedAfter, verifyCommands: current.verifyCommands, rollbackCommands: current.rollbackCommands, comment: "try-restart: do not start it if it was stopped" };
    await editHardeningStep({ actor: applier, stepId: id, edit });
    const edited = await db().hardeningStep.findUniqueOrThrow({ where: { id } });
    expect(edited).toMatchObject({ status: "PROPOSED", revision: 2, approvedById: null, approvedRevision: null });
    const editEvent = await db().hardeningEvent.findFirstOrThrow({ where: { stepId: id, kind: "edited" } });
    expect(editEvent).toMatchObject({ fromStatus: "APPROVED", toStatus: "PROPOSED", revision: 2, actorId: applier.id });
    expect(editEvent.details).toEqual({ diff: { commands: { before: current.commands, after: edit.commands } } });
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: applier, stepId: id }), "CONFLICT", /^Only an approved step can be executed; this step is proposed/);

    // Re-approved; the execution setting off refuses it; on, a third person starts it: one job, same transaction.
    await approveHardeningStep({ actor: reviewer2, stepId: id });
    await setHardeningExecution({ actor: proposer, engagementId, enabled: false });
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: applier, stepId: id }), "FORBIDDEN", /Execution by Palisade is off/);
    await setHardeningExecution({ actor: proposer, engagementId, enabled: true });
    const before = await snapshot(id);
    const { jobId } = await executeHardeningStep({ actor: applier, stepId: id });
    const after = await snapshot(id);
    expect(after.jobs).toBe(before.jobs + 1);
    expect(after.events).toBe(before.events + 1);
    const [job] = await db().$queryRaw<{ data: unknown }[]>`SELECT data FROM pgboss.job WHERE id = ${jobId}::uuid`;
    expect(job!.data).toEqual({ stepId: id, action: "apply", revision: 2, startedById: applier.id });
    await expectRefusedUnchanged(id, () => executeHardeningStep({ actor: applier, stepId: id }), "CONFLICT", /already running this step/);

    const audit = await db().auditLog.findMany({ where: { target: `hardening-step:${id}` }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(audit).toEqual([
      { action: "hardening.proposed", actorId: proposer.id },
      { action: "hardening.approved", actorId: reviewer.id },
      { action: "hardening.edited", actorId: applier.id },
      { action: "hardening.approved", actorId: reviewer2.id },
      { action: "hardening.execution-queued", actorId: applier.id },
    ]);
    expect(await db().auditLog.count({ where: { action: "engagement.hardening-execution", target: `engagement:${engagementId}` } })).toBe(3);
  });

  it("recommend-only: a consultant other than the approver records it applied; a rejected step comes back by edit", async () => {
    await setHardeningExecution({ actor: proposer, engagementId, enabled: false });
    const findingId = await confirmedFinding(6381);
    const { id } = await proposeHardening({ actor: proposer, findingId });
    await expectRefusedUnchanged(id, () => rejectHardeningStep({ actor: reviewer, stepId: id, comment: " " }), "VALIDATION", /Say why/);
    await rejectHardeningStep({ actor: reviewer, stepId: id, comment: "restart window is Sunday" });
    await expectRefusedUnchanged(id, () => approveHardeningStep({ actor: reviewer2, stepId: id }), "CONFLICT", /Only a proposed step can be approved; this step is rejected/);
    const s = await db().hardeningStep.findUniqueOrThrow({ where: { id } });
    await editHardeningStep({ actor: proposer, stepId: id, edit: { title: s.title, rationale: `${s.rationale} To run on Sunday.`, commands: s.commands, expectedAfter: s.expectedAfter, verifyCommands: s.verifyCommands, rollbackCommands: s.rollbackCommands, comment: "scheduled for Sunday" } });
    await approveHardeningStep({ actor: reviewer2, stepId: id });
    await expectRefusedUnchanged(id, () => rollbackHardeningStep({ actor: applier, stepId: id }), "FORBIDDEN", /Execution by Palisade is off/);
    await recordHardeningByHand({ actor: proposer, stepId: id, outcome: "applied", comment: "ran it at 02:00", output: "OK" });
    expect(await db().hardeningStep.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPLIED", appliedBy: "MANUAL", appliedById: proposer.id, revision: 2, approvedRevision: 2 });
    const { steps } = await listHardeningSteps({ actor: reviewer, engagementId });
    expect(steps.map((x) => x.status).sort()).toEqual(["APPLIED", "APPROVED", "PROPOSED"]);
    expect((await refused(listHardeningSteps({ actor: outsider, engagementId }))).code).toBe("NOT_FOUND");
    expect((await refused(getHardeningStep({ actor: outsider, stepId: id }))).code).toBe("NOT_FOUND");
  });

  it("recommend-only: a rollback run by hand is recorded by someone other than the approver, with the rollback commands", async () => {
    const findingId = await confirmedFinding(6382);
    const { id } = await proposeHardening({ actor: proposer, findingId });
    await expectRefusedUnchanged(id, () => recordHardeningByHand({ actor: applier, stepId: id, outcome: "rolled-back" }), "CONFLICT", /Only an applied, verified or failed step can be recorded as rolled back; this step is proposed/);
    await approveHardeningStep({ actor: reviewer2, stepId: id });
    await recordHardeningByHand({ actor: applier, stepId: id, outcome: "applied" });
    await expectRefusedUnchanged(id, () => recordHardeningByHand({ actor: reviewer2, stepId: id, outcome: "rolled-back" }), "FORBIDDEN", /^You approved this step: someone else must roll it back\. Nothing was run\.$/);
    await recordHardeningByHand({ actor: proposer, stepId: id, outcome: "rolled-back", comment: "the client asked", output: "redis restarted" });
    const step = await db().hardeningStep.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "desc" }, take: 1 } } });
    expect(step.status).toBe("ROLLED_BACK");
    expect(step.events[0]).toMatchObject({ kind: "rolled_back", actorId: proposer.id, comment: "the client asked", details: { by: "MANUAL", commands: step.rollbackCommands, output: "redis restarted" } });
    expect(await db().auditLog.count({ where: { action: "hardening.rolled_back", target: `hardening-step:${id}` } })).toBe(1);
  });

  it("only someone who may change the engagement toggles execution", async () => {
    const e = await refused(setHardeningExecution({ actor: reviewer, engagementId, enabled: true }));
    expect(e.code).toBe("FORBIDDEN");
    expect((await db().engagement.findUniqueOrThrow({ where: { id: engagementId } })).hardeningExecution).toBe(false);
  });
});
