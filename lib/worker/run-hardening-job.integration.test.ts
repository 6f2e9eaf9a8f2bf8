import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TCommandRecord } from "@/lib/audit/hardening/run-step";
import { changeFindingStatus } from "@/lib/domain/findings/change-finding-status";
import { approveHardeningStep } from "@/lib/domain/hardening/approve-hardening-step";
import { editHardeningStep } from "@/lib/domain/hardening/edit-hardening-step";
import { executeHardeningStep } from "@/lib/domain/hardening/execute-hardening-step";
import { proposeHardening } from "@/lib/domain/hardening/propose-hardening";
import { rollbackHardeningStep } from "@/lib/domain/hardening/rollback-hardening-step";
import { setHardeningExecution } from "@/lib/domain/hardening/set-hardening-execution";
import { startRun } from "@/lib/domain/runs/start-run";
import type { TActor } from "@/lib/domain/actor";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { makeUser } from "@/lib/testing/factories";
import { simEngagement, waitForRunEnd } from "@/lib/testing/sim-run";
import { stepSettled } from "@/lib/testing/step-settled";
import { limitsFromEnv, startWorker, type TRunningWorker } from "./worker";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

// Palisade's execution against a real SSH server: the demo fleet's redis-open host (ssh2,
// replaying the lab capture; it answers only the commands recorded on the real lab host and
// exits 127 for anything else, like a shell without that program). So a step's commands fail
// there for real, over the real connection path (credential, pinned key, channels). The real
// lab apply/verify/rollback is H3's acceptance test.
const applied = (records: TCommandRecord[], phase: string) => records.filter((r) => r.phase === phase);

describe("Palisade runs an approved hardening step over SSH", () => {
  let sim: Awaited<ReturnType<typeof simEngagement>>;
  let worker: TRunningWorker;
  let reviewer: TActor;
  let operator: TActor;
  let stepId: string;
  let findingId: string;

  beforeAll(async () => {
    sim = await simEngagement({ hosts: 1 });
    worker = await startWorker({ concurrency: 1, limits: limitsFromEnv(env) });
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    operator = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    await db().engagementMember.createMany({ data: [reviewer, operator].map((u) => ({ engagementId: sim.engagementId, userId: u.id })) });
    const run = await startRun({ actor: sim.actor, engagementId: sim.engagementId });
    await waitForRunEnd(run.id);
    const finding = await db().finding.findFirstOrThrow({ where: { engagementId: sim.engagementId, port: 6379, proto: "tcp" }, orderBy: { severityRank: "asc" } });
    await changeFindingStatus({ actor: sim.actor, engagementId: sim.engagementId, findingIds: [finding.id], change: { to: "CONFIRMED", comment: "" } });
    findingId = finding.id;
    stepId = (await proposeHardening({ actor: sim.actor, findingId })).id;
    await approveHardeningStep({ actor: reviewer, stepId });
    await setHardeningExecution({ actor: sim.actor, engagementId: sim.engagementId, enabled: true });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await sim?.close();
  });

  it("plans the redis bind from the audited facts, and ends FAILED at the first failing command with its output", async () => {
    const step = await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId } });
    expect(step.commands[0]).toBe("test -f '/etc/redis/redis.conf'");
    const before = await db().hardeningEvent.count({ where: { stepId } });
    await executeHardeningStep({ actor: operator, stepId });
    const event = await stepSettled(stepId, before + 1);
    expect(event).toMatchObject({ kind: "failed", fromStatus: "APPROVED", toStatus: "FAILED", actorId: operator.id });
    const details = event.details as { records: TCommandRecord[]; notRun: string[]; error: string };
    expect(applied(details.records, "apply")).toEqual([expect.objectContaining({ command: "test -f '/etc/redis/redis.conf'", exitCode: 127, stderr: expect.stringContaining("command not found") })]);
    expect(details.notRun).toEqual(step.commands.slice(1));
    expect(details.error).toBe("Command 1 exited 127: test -f '/etc/redis/redis.conf'");
    expect(applied(details.records, "verify-after").map((r) => r.command)).toEqual(step.verifyCommands);
    expect((await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId } })).status).toBe("FAILED");
  });

  it("runs commands in order until one fails: output of the ones that ran, nothing after the failure", async () => {
    const s = await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId } });
    await editHardeningStep({ actor: sim.actor, stepId, edit: { title: s.title, rationale: s.rationale, commands: ["hostname", "test -f /etc/redis/redis.conf", "id"], expectedAfter: s.expectedAfter, verifyCommands: ["ss -H -tlnp"], rollbackCommands: s.rollbackCommands, comment: "check the host first" } });
    await approveHardeningStep({ actor: reviewer, stepId });
    const before = await db().hardeningEvent.count({ where: { stepId } });
    await executeHardeningStep({ actor: operator, stepId });
    const event = await stepSettled(stepId, before + 1);
    const details = event.details as { records: TCommandRecord[]; notRun: string[] };
    const ran = applied(details.records, "apply");
    expect(ran.map((r) => [r.command, r.exitCode])).toEqual([["hostname", 0], ["test -f /etc/redis/redis.conf", 127]]);
    expect(ran[0]!.stdout.trim()).toMatch(/redis-open/);
    expect(ran[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(details.notRun).toEqual(["id"]);
    // The verify command is one the host answers: before and after evidence of the listener.
    expect(applied(details.records, "verify-before")[0]!.stdout).toContain("0.0.0.0:6379");
    expect(event.toStatus).toBe("FAILED");
  });

  it("rolls a failed step back under the same rule, and a failing rollback stays FAILED with its output", async () => {
    await expect(rollbackHardeningStep({ actor: reviewer, stepId })).rejects.toThrow(/You approved this step/);
    const before = await db().hardeningEvent.count({ where: { stepId } });
    await rollbackHardeningStep({ actor: operator, stepId });
    const event = await stepSettled(stepId, before + 1);
    const step = await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId } });
    const details = event.details as { action: string; records: TCommandRecord[]; notRun: string[] };
    expect(details.action).toBe("rollback");
    expect(applied(details.records, "rollback").map((r) => r.command)).toEqual([step.rollbackCommands[0]]);
    expect(details.notRun).toEqual(step.rollbackCommands.slice(1));
    expect(event).toMatchObject({ kind: "failed", fromStatus: "FAILED", toStatus: "FAILED" });
    // A failed step is rolled back or edited before another is proposed for the finding.
    await expect(proposeHardening({ actor: sim.actor, findingId })).rejects.toThrow(/already has a failed hardening step/);
  });
});
