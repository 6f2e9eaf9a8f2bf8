import { afterAll, beforeAll, describe, expect, it } from "vitest";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const { db } = await import("@/lib/server/db");
const { env } = await import("@/lib/server/env");
const { makeEngagement, makeHost, makeUser } = await import("@/lib/testing/factories");
const { scheduledRunQueue } = await import("@/lib/schedules/queue");
const { handleScheduledRun } = await import("@/lib/worker/scheduled-run-job");
const { limitsFromEnv, startWorker } = await import("@/lib/worker/worker");
const { setSchedule } = await import("./set-schedule");
const { removeSchedule } = await import("./remove-schedule");
const { getSchedule } = await import("./get-schedule");
const { setScheduleEnabled } = await import("./set-schedule-enabled");

type TBossSchedule = { name: string; cron: string; timezone: string; data: { engagementId: string } };
const bossSchedule = async (engagementId: string) =>
  (await db().$queryRaw<TBossSchedule[]>`SELECT name, cron, timezone, data FROM pgboss.schedule WHERE name = ${scheduledRunQueue(engagementId)}`)[0] ?? null;
const bossQueueExists = async (engagementId: string) =>
  (await db().$queryRaw<unknown[]>`SELECT 1 FROM pgboss.queue WHERE name = ${scheduledRunQueue(engagementId)}`).length === 1;
const auditCount = (action: string) => db().auditLog.count({ where: { action } });

describe("schedules", () => {
  let consultant: Awaited<ReturnType<typeof makeUser>>;
  let stranger: Awaited<ReturnType<typeof makeUser>>;
  let reviewer: Awaited<ReturnType<typeof makeUser>>;
  let engagementId: string;

  beforeAll(async () => {
    consultant = await makeUser(db(), { role: "CONSULTANT" });
    stranger = await makeUser(db(), { role: "CONSULTANT" });
    reviewer = await makeUser(db(), { role: "REVIEWER" });
    engagementId = (await makeEngagement(db(), { memberIds: [consultant.user.id, reviewer.user.id] })).id;
  });

  it("refuses a bad cron expression with a clear message and saves nothing", async () => {
    const before = await auditCount("schedule.set");
    const error = await setSchedule({ actor: consultant.actor, engagementId, input: { cron: "0 25 * * *", timeZone: "UTC" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { cron: ["Not a valid cron expression: Constraint error, got value 25 expected range 0-23 (the hour field)"] } });
    const tz = await setSchedule({ actor: consultant.actor, engagementId, input: { cron: "0 3 * * *", timeZone: "Europe/Atlantis" } }).catch((e: unknown) => e);
    expect(tz).toMatchObject({ code: "VALIDATION", fieldErrors: { timeZone: [expect.stringContaining('"Europe/Atlantis" is not an IANA time zone')] } });
    expect(await db().schedule.count({ where: { engagementId } })).toBe(0);
    expect(await bossSchedule(engagementId)).toBeNull();
    expect(await auditCount("schedule.set")).toBe(before);
  });

  it("answers 404 for an engagement the actor is not a member of, and 403 to a reviewer; nothing saved", async () => {
    const input = { cron: "0 3 * * *", timeZone: "UTC" };
    await expect(setSchedule({ actor: stranger.actor, engagementId, input })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setSchedule({ actor: reviewer.actor, engagementId, input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeSchedule({ actor: stranger.actor, engagementId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSchedule({ actor: stranger.actor, engagementId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().schedule.count({ where: { engagementId } })).toBe(0);
    expect(await bossSchedule(engagementId)).toBeNull();
  });

  it("writes the schedule to pg-boss (with its time zone), replaces it, and removes it", async () => {
    const set = await setSchedule({ actor: consultant.actor, engagementId, input: { cron: " 0  3 * * 1-5 ", timeZone: "Europe/Berlin" } });
    expect(set.schedule).toMatchObject({ cron: "0 3 * * 1-5", timeZone: "Europe/Berlin", createdById: consultant.user.id, enabled: true });
    expect(set.next).toHaveLength(3);
    expect(await bossSchedule(engagementId)).toEqual({ name: scheduledRunQueue(engagementId), cron: "0 3 * * 1-5", timezone: "Europe/Berlin", data: { engagementId } });
    const shown = await getSchedule({ actor: reviewer.actor, engagementId });
    expect(shown?.schedule.cron).toBe("0 3 * * 1-5");
    // 03:00 in Berlin is 01:00 or 02:00 UTC, on a weekday.
    for (const at of shown!.next) {
      expect([1, 2]).toContain(at.getUTCHours());
      expect(at.getUTCMinutes()).toBe(0);
    }

    await setSchedule({ actor: consultant.actor, engagementId, input: { cron: "30 22 * * *", timeZone: "UTC" } });
    expect(await bossSchedule(engagementId)).toMatchObject({ cron: "30 22 * * *", timezone: "UTC" });
    expect(await db().schedule.count({ where: { engagementId } })).toBe(1);
    const audit = await db().auditLog.findFirst({ where: { action: "schedule.set" }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ engagementId, cron: "30 22 * * *", previous: { cron: "0 3 * * 1-5", timeZone: "Europe/Berlin" } });

    await removeSchedule({ actor: consultant.actor, engagementId });
    expect(await db().schedule.count({ where: { engagementId } })).toBe(0);
    expect(await bossSchedule(engagementId)).toBeNull();
    expect(await bossQueueExists(engagementId)).toBe(false);
    expect(await auditCount("schedule.remove")).toBe(1);
    await expect(removeSchedule({ actor: consultant.actor, engagementId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "This engagement has no schedule" });
  });

  it("pauses a schedule (its pg-boss schedule gone, firings skipped) and resumes it unchanged; others are refused", async () => {
    const paused = await makeEngagement(db(), { memberIds: [consultant.user.id, reviewer.user.id] });
    await makeHost(db(), { engagementId: paused.id });
    await setSchedule({ actor: consultant.actor, engagementId: paused.id, input: { cron: "45 1 * * 2", timeZone: "America/Chicago" } });
    await expect(setScheduleEnabled({ actor: reviewer.actor, engagementId: paused.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setScheduleEnabled({ actor: stranger.actor, engagementId: paused.id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await bossSchedule(paused.id)).not.toBeNull();

    await setScheduleEnabled({ actor: consultant.actor, engagementId: paused.id, enabled: false });
    expect(await db().schedule.findUniqueOrThrow({ where: { engagementId: paused.id } })).toMatchObject({ enabled: false, cron: "45 1 * * 2", timeZone: "America/Chicago" });
    expect(await bossSchedule(paused.id)).toBeNull();
    expect(await bossQueueExists(paused.id)).toBe(false);
    // A firing already taken by a worker when the pause landed starts nothing.
    expect(await handleScheduledRun({ engagementId: paused.id, log: () => {} })).toEqual({ started: false, reason: "the schedule is disabled" });
    expect(await db().run.count({ where: { engagementId: paused.id } })).toBe(0);

    await db().engagement.update({ where: { id: paused.id }, data: { archivedAt: new Date() } });
    await expect(setScheduleEnabled({ actor: consultant.actor, engagementId: paused.id, enabled: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This engagement is archived: restore it before resuming its scheduled audits",
    });
    expect(await bossSchedule(paused.id)).toBeNull();
    await db().engagement.update({ where: { id: paused.id }, data: { archivedAt: null } });

    await setScheduleEnabled({ actor: consultant.actor, engagementId: paused.id, enabled: true });
    expect(await bossSchedule(paused.id)).toEqual({ name: scheduledRunQueue(paused.id), cron: "45 1 * * 2", timezone: "America/Chicago", data: { engagementId: paused.id } });
    const schedule = await db().schedule.findUniqueOrThrow({ where: { engagementId: paused.id } });
    expect(schedule).toMatchObject({ enabled: true, createdById: consultant.user.id });
    const audit = await db().auditLog.findMany({ where: { target: `schedule:${schedule.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["schedule.set", "schedule.pause", "schedule.resume"]);
  });

  it("skips a firing, saying why, when the engagement is archived or a run is in progress", async () => {
    const busy = await makeEngagement(db(), { memberIds: [consultant.user.id] });
    await makeHost(db(), { engagementId: busy.id });
    await setSchedule({ actor: consultant.actor, engagementId: busy.id, input: { cron: "0 3 * * *", timeZone: "UTC" } });
    const running = await db().run.create({ data: { engagementId: busy.id, startedById: consultant.user.id, status: "RUNNING" } });
    const lines: string[] = [];
    expect(await handleScheduledRun({ engagementId: busy.id, log: (l) => lines.push(l) })).toEqual({ started: false, reason: `run ${running.id} is still in progress` });
    await db().engagement.update({ where: { id: busy.id }, data: { archivedAt: new Date() } });
    expect(await handleScheduledRun({ engagementId: busy.id, log: (l) => lines.push(l) })).toEqual({ started: false, reason: "the engagement is archived" });
    expect(lines).toEqual([`scheduled run of engagement ${busy.id} skipped: run ${running.id} is still in progress`, `scheduled run of engagement ${busy.id} skipped: the engagement is archived`]);
    expect(await db().run.count({ where: { engagementId: busy.id } })).toBe(1);
  });

  it("skips when the schedule's creator is no longer a member (the run would not be theirs to start)", async () => {
    const other = await makeEngagement(db(), { memberIds: [consultant.user.id] });
    await makeHost(db(), { engagementId: other.id });
    await setSchedule({ actor: consultant.actor, engagementId: other.id, input: { cron: "0 3 * * *", timeZone: "UTC" } });
    await db().engagementMember.deleteMany({ where: { engagementId: other.id } });
    expect(await handleScheduledRun({ engagementId: other.id, log: () => {} })).toEqual({ started: false, reason: `the schedule's creator (${consultant.user.email}) can no longer start runs in this engagement` });
    expect(await db().run.count({ where: { engagementId: other.id } })).toBe(0);
  });

  it("a starting worker puts back a pg-boss schedule that went missing and drops stale orphan queues", async () => {
    const { getBoss } = await import("@/lib/server/jobs/boss");
    const { syncSchedules } = await import("@/lib/worker/sync-schedules");
    const boss = await getBoss("web");
    const kept = await makeEngagement(db(), { memberIds: [consultant.user.id] });
    await setSchedule({ actor: consultant.actor, engagementId: kept.id, input: { cron: "15 4 * * 0", timeZone: "Asia/Tokyo" } });
    await boss.unschedule(scheduledRunQueue(kept.id));
    const ghost = scheduledRunQueue("ghostengagement");
    await boss.createQueue(ghost, { name: ghost });
    const lines: string[] = [];

    await syncSchedules(boss, { log: (l) => lines.push(l) });
    expect(await bossSchedule(kept.id)).toMatchObject({ cron: "15 4 * * 0", timezone: "Asia/Tokyo" });
    // Just created: it may be a setSchedule that has not committed yet.
    expect(await boss.getQueue(ghost)).not.toBeNull();

    await syncSchedules(boss, { log: (l) => lines.push(l), now: Date.now() + 10 * 60_000 });
    expect(await boss.getQueue(ghost)).toBeNull();
    expect(await bossSchedule(kept.id)).not.toBeNull();
    // Other tests' schedules share this database (a worker started elsewhere may
    // have left one out of pg-boss), so only this test's two are asserted.
    expect(lines.filter((l) => l.includes(kept.id) || l.includes(ghost))).toEqual([
      `schedule of engagement ${kept.id} restored in pg-boss (15 4 * * 0, Asia/Tokyo)`,
      `pg-boss queue ${ghost} removed: its engagement has no enabled schedule`,
    ]);
  });

  describe("a schedule firing through pg-boss", () => {
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    afterAll(async () => worker?.stop({ graceMs: 1_000 }));

    it("starts an AUDIT run with trigger SCHEDULE, as the schedule's creator", { timeout: 100_000 }, async () => {
      const engagement = await makeEngagement(db(), { memberIds: [consultant.user.id] });
      // Nothing listens there: the host fails fast; what matters is that the run was started.
      await makeHost(db(), { engagementId: engagement.id, address: "127.0.0.1", port: 9 });
      await setSchedule({ actor: consultant.actor, engagementId: engagement.id, input: { cron: "* * * * *", timeZone: "Pacific/Auckland" } });
      // pg-boss's clock checks schedules once per 30 s across all workers of a
      // database (pgboss.version.cron_on); clear that mark, left by an earlier
      // test file's worker, so the clock checks as soon as this worker starts.
      await db().$executeRaw`UPDATE pgboss.version SET cron_on = NULL`;
      const started = Date.now();
      worker = await startWorker({ concurrency: 1, limits: limitsFromEnv(env) });
      let run = null;
      while (!run && Date.now() - started < 80_000) {
        run = await db().run.findFirst({ where: { engagementId: engagement.id } });
        if (!run) await new Promise((r) => setTimeout(r, 250));
      }
      expect(run).toMatchObject({ trigger: "SCHEDULE", kind: "AUDIT", startedById: consultant.user.id });
      const schedule = await db().schedule.findUniqueOrThrow({ where: { engagementId: engagement.id } });
      expect(schedule.lastRunId).toBe(run!.id);
      expect(schedule.lastFiredAt).not.toBeNull();
      const audit = await db().auditLog.findFirst({ where: { action: "run.start", target: `run:${run!.id}` } });
      expect(audit).toMatchObject({ actorId: consultant.user.id, details: { trigger: "SCHEDULE" } });
      console.log(`scheduled run started ${((Date.now() - started) / 1000).toFixed(1)} s after the worker`);
    });
  });
});
