// Baselines and drift on real Postgres, through the worker's write path: a reviewer approves
// a host run as the baseline; the next run's differences become drift items with evidence;
// a reviewer accepts one into a new baseline, anyone triaging promotes one to a finding.
// Refusals change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { hostFacts, listener, owner } from "@/lib/audit/rules/testing/facts-factory";
import type { THostFacts } from "@/lib/audit/facts";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { recordTestHostRun } from "@/lib/testing/record-test-host-run";
import type { TActor } from "../actor";
import { approveBaseline } from "../baselines/approve-baseline";
import { acceptDriftItem } from "./accept-drift-item";
import { promoteDriftItem } from "./promote-drift-item";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

async function refused(work: Promise<unknown>, code: string): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const state = async (hostId: string) => ({
  baselines: await db().baseline.findMany({ where: { hostId }, orderBy: { approvedAt: "asc" } }),
  drift: await db().driftItem.findMany({ where: { hostId }, orderBy: { id: "asc" } }),
  findings: await db().finding.count({ where: { hostId } }),
  audit: await db().auditLog.count(),
});

const sshd = listener("0.0.0.0", 22, { name: "sshd", pid: 39 });
const base = (): THostFacts =>
  hostFacts({
    listeners: [sshd],
    owners: [owner(sshd, { exe: "/usr/sbin/sshd", systemdUnit: "ssh.service" })],
    services: [{ unit: "ssh.service", load: "loaded", active: "active", sub: "running", description: "OpenBSD Secure Shell server", evidence: ["systemd-services"] }],
    cronJobs: [{ source: "/etc/crontab", schedule: "17 * * * *", user: "root", command: "run-parts /etc/cron.hourly", evidence: ["etc-crontab"] }],
  });
const http = listener("0.0.0.0", 8765, { name: "python3", pid: 901 });
const drifted = (): THostFacts => {
  const f = base();
  return {
    ...f,
    listeners: [{ ...sshd, processes: [{ name: "sshd", pid: 41, fd: 3 }] }, http],
    owners: [...f.owners, owner(http, { exe: "/usr/bin/python3.11", user: "root" })],
    cronJobs: [...f.cronJobs, { source: "/etc/cron.d/drift-test", schedule: "*/5 * * * *", user: "root", command: "/bin/true", evidence: ["cron-d"] }],
  };
};

describe("baselines and drift", () => {
  let consultant: TActor;
  let reviewer: TActor;
  let foreignReviewer: TActor;
  let hostId: string;
  let baselineRun: string;

  beforeAll(async () => {
    consultant = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    foreignReviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    const engagement = await makeEngagement(db(), { memberIds: [consultant.id, reviewer.id] });
    await makeEngagement(db(), { memberIds: [foreignReviewer.id] });
    hostId = (await makeHost(db(), { engagementId: engagement.id, label: "web-01" })).id;
    baselineRun = (await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: base() })).hostRunId;
  });

  it("refuses a consultant, another engagement's reviewer and an unfinished run; nothing is written", async () => {
    const before = await state(hostId);
    await refused(approveBaseline({ actor: consultant, hostRunId: baselineRun }), "FORBIDDEN");
    await refused(approveBaseline({ actor: foreignReviewer, hostRunId: baselineRun }), "NOT_FOUND");
    const running = await db().hostRun.create({ data: { runId: (await db().hostRun.findUniqueOrThrow({ where: { id: baselineRun } })).runId, hostId: (await makeHost(db(), { engagementId: (await db().host.findUniqueOrThrow({ where: { id: hostId } })).engagementId })).id, status: "DISCOVERING" } });
    const e = await refused(approveBaseline({ actor: reviewer, hostRunId: running.id }), "VALIDATION");
    expect(e.message).toBe("Only a host run that finished can be a baseline; this one is discovering. Nothing was changed.");
    expect(await state(hostId)).toEqual(before);
  });

  it("a reviewer approves a run's inventory; a run that matches it has no drift", async () => {
    const baseline = await approveBaseline({ actor: reviewer, hostRunId: baselineRun, note: "after kickoff" });
    const items = baseline.items as { kind: string; key: string }[];
    expect(items.map((i) => `${i.kind} ${i.key}`)).toEqual(["LISTENER tcp 0.0.0.0:22", "SERVICE ssh.service", "CRON_JOB /etc/crontab | 17 * * * * | root | run-parts /etc/cron.hourly"]);
    await refused(approveBaseline({ actor: reviewer, hostRunId: baselineRun }), "CONFLICT");
    // Same host, sshd restarted with another PID: not drift.
    const again = base();
    again.listeners = [{ ...sshd, processes: [{ name: "sshd", pid: 777, fd: 3 }] }];
    const { hostRunId } = await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: again });
    expect(await db().driftItem.count({ where: { hostRunId } })).toBe(0);
  });

  it("the next run reports exactly the new listener and the new cron job, with evidence", async () => {
    const { hostRunId } = await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: drifted() });
    const items = await db().driftItem.findMany({ where: { hostRunId }, orderBy: { kind: "asc" } });
    expect(items.map((i) => `${i.change} ${i.kind} ${i.key} [${i.evidenceKeys.join(",")}] ${i.status}`)).toEqual([
      "NEW LISTENER tcp 0.0.0.0:8765 [ss-tcp,proc-exe:901,proc-cmdline:901] OPEN",
      "NEW CRON_JOB /etc/cron.d/drift-test | */5 * * * * | root | /bin/true [cron-d] OPEN",
    ]);
    expect(items[0]!.after).toMatchObject({ facts: { exe: "/usr/bin/python3.11" }, hostRunId });
  });

  it("accepting is a reviewer's: refused for a consultant and another engagement; accepted, the next run no longer reports it", async () => {
    const listenerItem = await db().driftItem.findFirstOrThrow({ where: { hostId, kind: "LISTENER", status: "OPEN" } });
    const before = await state(hostId);
    await refused(acceptDriftItem({ actor: consultant, driftItemId: listenerItem.id }), "FORBIDDEN");
    await refused(acceptDriftItem({ actor: foreignReviewer, driftItemId: listenerItem.id }), "NOT_FOUND");
    await refused(acceptDriftItem({ actor: reviewer, driftItemId: "no-such-item" }), "NOT_FOUND");
    expect(await state(hostId)).toEqual(before);

    const baseline = await acceptDriftItem({ actor: reviewer, driftItemId: listenerItem.id });
    const after = await state(hostId);
    expect(after.baselines.filter((b) => b.supersededAt === null).map((b) => b.id)).toEqual([baseline.id]);
    expect((baseline.items as { key: string }[]).map((i) => i.key)).toContain("tcp 0.0.0.0:8765");
    expect(after.drift.find((d) => d.id === listenerItem.id)).toMatchObject({ status: "ACCEPTED", decidedById: reviewer.id });
    await refused(acceptDriftItem({ actor: reviewer, driftItemId: listenerItem.id }), "CONFLICT");

    const { hostRunId } = await recordTestHostRun(db(), { hostId, startedById: consultant.id, facts: drifted() });
    expect((await db().driftItem.findMany({ where: { hostRunId } })).map((i) => i.kind)).toEqual(["CRON_JOB"]);
  });

  it("promoting makes a NEW finding with the drift rule, severity and evidence; a second promotion of the same difference is the same finding", async () => {
    const [first, second] = await db().driftItem.findMany({ where: { hostId, kind: "CRON_JOB", status: "OPEN" }, orderBy: { createdAt: "asc" } });
    await refused(promoteDriftItem({ actor: foreignReviewer, driftItemId: first!.id }), "NOT_FOUND");
    const { findingId } = await promoteDriftItem({ actor: consultant, driftItemId: first!.id });
    const finding = await db().finding.findUniqueOrThrow({ where: { id: findingId }, include: { events: true } });
    expect(finding).toMatchObject({ ruleId: "drift.new-cron-job", severity: "MEDIUM", status: "NEW", evidenceKeys: ["cron-d"], reproduce: "test-command cron-d", hostLabel: "web-01" });
    expect(finding.events.map((e) => e.kind)).toEqual(["seen"]);
    await refused(promoteDriftItem({ actor: consultant, driftItemId: first!.id }), "CONFLICT");
    expect((await promoteDriftItem({ actor: reviewer, driftItemId: second!.id })).findingId).toBe(findingId);
    expect(await db().driftItem.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "PROMOTED", findingId });
  });
});
