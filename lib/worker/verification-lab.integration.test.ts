// Issue 6's real-lab acceptance: hardening under dual control applied by Palisade on real
// Debian machines (redis on 0.0.0.0, a cron-started python http.server), a verification run
// that shows the port bound to loopback, a rollback, and a verification run whose inventory
// matches the original exactly; then drift: a baselined host changed over SSH (a new
// listener, a new cron job) and the next scheduled run reports exactly those two.
// Needs root, systemd-nspawn and the lab image; skips, saying why, without them or when a lab
// is already up. Run under `flock /tmp/palisade-lab.lock`.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labPaths } from "@/scripts/lab/config";
import { labDown, labUp } from "@/scripts/lab/lab";
import { listLabNetns } from "@/scripts/lab/net";
import type { THostState } from "@/scripts/lab/state";
import { labTestSkipReason } from "@/scripts/lab/test-skip-reason";
import { waitForScenarios } from "@/scripts/lab/lab-test-helpers";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const { db } = await import("@/lib/server/db");
const { env } = await import("@/lib/server/env");
const { startRun } = await import("@/lib/domain/runs/start-run");
const { changeFindingStatus } = await import("@/lib/domain/findings/change-finding-status");
const { proposeHardening } = await import("@/lib/domain/hardening/propose-hardening");
const { approveHardeningStep } = await import("@/lib/domain/hardening/approve-hardening-step");
const { setHardeningExecution } = await import("@/lib/domain/hardening/set-hardening-execution");
const { executeHardeningStep } = await import("@/lib/domain/hardening/execute-hardening-step");
const { rollbackHardeningStep } = await import("@/lib/domain/hardening/rollback-hardening-step");
const { startVerificationRun } = await import("@/lib/domain/hardening/start-verification-run");
const { approveBaseline } = await import("@/lib/domain/baselines/approve-baseline");
const { loadInventory } = await import("@/lib/domain/baselines/load-inventory");
const { diffInventory } = await import("@/lib/audit/drift/diff");
const { handleScheduledRun } = await import("./scheduled-run-job");
const { seedFleetEngagement } = await import("@/lib/testing/seed-fleet-engagement");
const { makeUser } = await import("@/lib/testing/factories");
const { waitForRunEnd } = await import("@/lib/testing/sim-run");
const { stepSettled } = await import("@/lib/testing/step-settled");
const { connectPinned, execCommand } = await import("@/lib/audit/ssh/exec");
const { limitsFromEnv, startWorker } = await import("./worker");

const paths = labPaths();
const skipReason = await labTestSkipReason("verification and drift lab test", paths);

type TActorLike = Awaited<ReturnType<typeof makeUser>>["actor"];

async function sshRun(host: THostState, key: string, command: string) {
  const conn = await connectPinned({ host: host.address, port: host.port, username: host.username, privateKey: key, hostKeyFingerprint: host.hostKeyFingerprint });
  try {
    const r = await execCommand(conn, command, { timeoutMs: 20_000 });
    if (r.exitCode !== 0) throw new Error(`${command} on ${host.name} exited ${r.exitCode}: ${r.stderr.toString()}`);
    return r.stdout.toString();
  } finally {
    conn.end();
  }
}

async function finishedHostRun(runId: string, hostId: string) {
  const run = await waitForRunEnd(runId, 120_000);
  const hr = await db().hostRun.findFirstOrThrow({ where: { runId, hostId } });
  expect([hr.status, hr.error], `host run of ${hostId} in ${run.kind} run`).toEqual(["DONE", null]);
  return hr;
}

describe.skipIf(skipReason !== "")("verification runs and drift on real lab machines", () => {
  let labIsUp = false;
  let hosts: THostState[] = [];
  let clientKey = "";
  let worker: Awaited<ReturnType<typeof startWorker>> | null = null;

  beforeAll(async () => {
    const up = await labUp({ hosts: 2, paths }); // redis-open, cron-http-server
    labIsUp = true;
    hosts = up.state.hosts;
    clientKey = readFileSync(paths.clientKey, "utf8");
    await waitForScenarios(hosts, clientKey);
    worker = await startWorker({ concurrency: 2, limits: limitsFromEnv(env) });
  }, 15 * 60_000);

  afterAll(async () => {
    await worker?.stop({ graceMs: 2_000 }).catch(() => {});
    if (labIsUp) {
      const down = await labDown({ paths });
      expect(down.leftovers).toEqual([]);
      expect(await listLabNetns()).toEqual([]);
    }
  }, 120_000);

  for (const [scenario, port] of [["redis-open", 6379], ["cron-http-server", 8000]] as const) {
    it(`${scenario}: proposed, approved by a second person, applied by Palisade for a third; verified bound to loopback; rolled back to exactly the original inventory`, async () => {
      const host = hosts.find((h) => h.scenario === scenario)!;
      const { actor: consultant, engagementId } = await seedFleetEngagement([{ label: host.name, address: host.address, port: host.port, username: host.username, hostKeyFingerprint: host.hostKeyFingerprint }], clientKey);
      const reviewer: TActorLike = (await makeUser(db(), { role: "REVIEWER" })).actor;
      const operator: TActorLike = (await makeUser(db(), { role: "CONSULTANT" })).actor;
      await db().engagementMember.createMany({ data: [reviewer, operator].map((u) => ({ engagementId, userId: u.id })) });
      const hostId = (await db().host.findFirstOrThrow({ where: { engagementId } })).id;

      const audit = await startRun({ actor: consultant, engagementId });
      const original = await finishedHostRun(audit.id, hostId);
      const finding = await db().finding.findFirstOrThrow({ where: { engagementId, proto: "tcp", port }, orderBy: { severityRank: "asc" } });
      expect(finding.severity).toBe("CRITICAL");
      await changeFindingStatus({ actor: consultant, engagementId, findingIds: [finding.id], change: { to: "CONFIRMED", comment: "" } });
      const stepId = (await proposeHardening({ actor: consultant, findingId: finding.id })).id;
      await approveHardeningStep({ actor: reviewer, stepId });
      await setHardeningExecution({ actor: consultant, engagementId, enabled: true });
      let events = await db().hardeningEvent.count({ where: { stepId } });
      await executeHardeningStep({ actor: operator, stepId });
      const applied = await stepSettled(stepId, events + 1, 90_000);
      expect([applied.kind, applied.toStatus], JSON.stringify(applied.details).slice(0, 2000)).toEqual(["executed", "APPLIED"]);

      const verify = await startVerificationRun({ actor: consultant, engagementId });
      await finishedHostRun(verify.id, hostId);
      const verified = await db().hardeningStep.findUniqueOrThrow({ where: { id: stepId }, include: { events: { orderBy: { id: "asc" } }, finding: true } });
      const judged = verified.events.at(-1)!;
      type TJudged = { hostRunId: string; diff: { outcome: string; exposureGone: boolean; disagreement: string | null; after: { outside: { address: string; port: number; reach: string } | null } }; inventoryDiff: unknown[] };
      const details = judged.details as TJudged;
      console.log(`lab before/after (${scenario}), verification run ${verify.id}:\n${judged.comment}\n${JSON.stringify(details.diff, null, 1)}\ninventory vs the audit before the step:\n${JSON.stringify(details.inventoryDiff, null, 1)}`);
      expect([verified.status, verified.verificationRunId, judged.kind]).toEqual(["VERIFIED", verify.id, "verified"]);
      expect(details.diff).toMatchObject({ outcome: "loopback-only", exposureGone: true, disagreement: null });
      // From another machine (this one, outside the lab host's namespace), the port now refuses.
      expect(details.diff.after.outside).toMatchObject({ address: host.address, port, reach: "refused" });
      const attempt = await db().evidence.findFirstOrThrow({ where: { hostRunId: details.hostRunId, key: `outside-tcp:${port}` } });
      expect(attempt.command).toBe(`tcp connect ${host.address}:${port} from the Palisade worker (to re-run: nc -vz -w 3 ${host.address} ${port})`);
      expect(verified.finding.status).toBe("RESOLVED");

      events = await db().hardeningEvent.count({ where: { stepId } });
      await rollbackHardeningStep({ actor: operator, stepId });
      const rolled = await stepSettled(stepId, events + 1, 90_000);
      expect([rolled.kind, rolled.toStatus], JSON.stringify(rolled.details).slice(0, 2000)).toEqual(["rolled_back", "ROLLED_BACK"]);

      const again = await startVerificationRun({ actor: consultant, engagementId });
      const back = await finishedHostRun(again.id, hostId);
      const check = (await db().hardeningEvent.findMany({ where: { stepId }, orderBy: { id: "asc" } })).at(-1)!;
      const after = check.details as TJudged;
      // Against the ORIGINAL audit's inventory: the listener is back exactly as it was.
      const fromOriginal = diffInventory(await loadInventory(db(), original.id), await loadInventory(db(), back.id));
      console.log(`lab after rollback (${scenario}): ${check.comment}\ninventory vs the original audit: ${JSON.stringify(fromOriginal, null, 1)}`);
      expect(check.kind).toBe("rollback-verified");
      expect(after.diff.outcome).toBe("unchanged");
      expect(after.diff.after.outside).toMatchObject({ address: host.address, port, reach: "accepted" });
      expect(after.inventoryDiff).toEqual([]);
      expect(fromOriginal).toEqual([]);
      expect((await db().finding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe("REOPENED");
    }, 5 * 60_000);
  }

  it("drift: a baselined host gets a new listener and a new cron job; the next scheduled run reports exactly those two", async () => {
    const host = hosts.find((h) => h.scenario === "redis-open")!;
    const { actor: consultant, engagementId } = await seedFleetEngagement([{ label: host.name, address: host.address, port: host.port, username: host.username, hostKeyFingerprint: host.hostKeyFingerprint }], clientKey);
    const reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    await db().engagementMember.create({ data: { engagementId, userId: reviewer.id } });
    const hostId = (await db().host.findFirstOrThrow({ where: { engagementId } })).id;

    const first = await startRun({ actor: consultant, engagementId });
    const baselineRun = await finishedHostRun(first.id, hostId);
    await approveBaseline({ actor: reviewer, hostRunId: baselineRun.id, note: "lab acceptance" });

    await sshRun(host, clientKey, "setsid -f python3 -m http.server 8765 --bind 0.0.0.0 --directory /srv </dev/null >/dev/null 2>&1");
    await sshRun(host, clientKey, "printf '*/5 * * * * root /bin/true\\n' > /etc/cron.d/palisade-drift");
    await sshRun(host, clientKey, "for i in $(seq 1 50); do ss -H -tln 'sport = :8765' | grep -q . && exit 0; sleep 0.1; done; exit 1");
    try {
      await db().schedule.create({ data: { engagementId, cron: "0 3 * * *", timeZone: "UTC", createdById: consultant.id } });
      const fired = await handleScheduledRun({ engagementId, log: () => {} });
      if (!fired.started) throw new Error(`scheduled run did not start: ${fired.reason}`);
      expect((await db().run.findUniqueOrThrow({ where: { id: fired.runId } })).trigger).toBe("SCHEDULE");
      const next = await finishedHostRun(fired.runId, hostId);
      const drift = await db().driftItem.findMany({ where: { hostRunId: next.id }, orderBy: { kind: "asc" } });
      console.log(`lab drift: ${drift.map((d) => `${d.change} ${d.kind} ${d.key} [${d.evidenceKeys.join(",")}]`).join("; ")}`);
      expect(drift.map((d) => `${d.change} ${d.kind} ${d.key}`)).toEqual(["NEW LISTENER tcp 0.0.0.0:8765", "NEW CRON_JOB /etc/cron.d/palisade-drift | */5 * * * * | root | /bin/true"]);
      expect(drift.every((d) => d.evidenceKeys.length > 0 && d.status === "OPEN")).toBe(true);
    } finally {
      await sshRun(host, clientKey, "rm -f /etc/cron.d/palisade-drift; pkill -f 'http[.]server 8765' || true");
    }
  }, 5 * 60_000);
});
