// The whole run pipeline (startRun -> pg-boss -> worker -> database) against real lab machines
// (systemd-nspawn, real sshd and services): what a consultant reads from the database must
// match each scenario's ground truth. Needs root, systemd-nspawn and the lab image (cached or
// buildable); skips, saying why, without them or when a lab is already up (it is someone else's).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labPaths } from "@/scripts/lab/config";
import { labDown, labUp } from "@/scripts/lab/lab";
import { listLabNetns } from "@/scripts/lab/net";
import { scenarioById } from "@/scripts/lab/scenarios";
import { COMMON_LISTENERS } from "@/scripts/lab/scenarios/types";
import { type TManifest } from "@/scripts/lab/state";
import { labTestSkipReason } from "@/scripts/lab/test-skip-reason";
import { bareAddress, isLoopbackAddress, labAuditTarget, waitForScenarios } from "@/scripts/lab/lab-test-helpers";

// Jobs a SIGKILLed worker held must come back soon enough for a test, yet not expire under a
// live worker whose real hosts answer slowly on a busy 2-core box (that would be a third
// attempt): read before the modules below load their configuration (the child inherits it).
process.env.PALISADE_JOB_EXPIRE_SECONDS = "10";
process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const { db } = await import("@/lib/server/db");
const { env } = await import("@/lib/server/env");
const { startRun } = await import("@/lib/domain/runs/start-run");
const { seedFleetEngagement } = await import("@/lib/testing/seed-fleet-engagement");
const { waitForRunEnd } = await import("@/lib/testing/sim-run");
const { limitsFromEnv, startWorker } = await import("./worker");
const { killWorkerMidRun } = await import("@/lib/testing/kill-worker-mid-run");
const { checkFromOutside } = await import("@/lib/audit/verification/reach-from-outside");
const { auditHost } = await import("@/lib/audit/audit-host");
const { firewallDeny } = await import("@/lib/audit/hardening/firewall-deny");
const { connectPinned, execCommand } = await import("@/lib/audit/ssh/exec");

const paths = labPaths();
const skipReason = await labTestSkipReason("lab run pipeline test", paths);

const SCENARIO_HOSTS = 13;
const scenarioOf = (label: string) => scenarioById(label.replace(/^lab\d+-/, ""))!;

describe.skipIf(skipReason !== "")("an audit run through the pipeline over real lab machines", () => {
  let manifest: TManifest;
  let clientKey = "";
  let labIsUp = false;
  let runId = "";
  const workers: Array<{ stop: (o?: { graceMs?: number }) => Promise<void> }> = [];

  const hostRunsOf = (id: string) =>
    db().hostRun.findMany({ where: { runId: id }, include: { host: true, listeners: true, _count: { select: { evidence: true } } } });
  const healthyHosts = () => manifest.hosts.filter((h) => h.expected.outcome === "audited");

  beforeAll(async () => {
    const up = await labUp({ hosts: SCENARIO_HOSTS, paths });
    labIsUp = true;
    manifest = (await import("@/scripts/lab/lab")).manifestFromState(up.state);
    clientKey = readFileSync(paths.clientKey, "utf8");
    await waitForScenarios(up.state.hosts.filter((h) => h.reach === "up"), clientKey);

    // Every scenario host, pinned to its recorded key (the changed-key host presents another).
    const { actor, engagementId } = await seedFleetEngagement(manifest.hosts, clientKey);
    const worker = await startWorker({ concurrency: 4, limits: limitsFromEnv(env) });
    workers.push(worker);
    runId = (await startRun({ actor, engagementId })).id;
    await waitForRunEnd(runId, 60_000);
    await worker.stop();
  }, 15 * 60_000); // the first run on a machine builds the lab image (debootstrap, a minute or two)

  afterAll(async () => {
    for (const w of workers) await w.stop({ graceMs: 2_000 }).catch(() => {});
    if (labIsUp) {
      const down = await labDown({ paths });
      expect(down.leftovers).toEqual([]);
      expect(await listLabNetns()).toEqual([]);
    }
  }, 120_000);

  it("audits every healthy host; the unreachable and changed-key hosts fail alone with their reasons", async () => {
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("COMPLETED_WITH_ERRORS");
    const hostRuns = await hostRunsOf(runId);
    expect(hostRuns).toHaveLength(SCENARIO_HOSTS);
    for (const h of hostRuns) {
      const scenario = scenarioOf(h.host.label);
      const want = { audited: ["DONE", null], unreachable: ["FAILED", "unreachable"], "host-key-mismatch": ["FAILED", "host-key-changed"] }[scenario.expected.outcome];
      expect([h.status, h.failureReason], `${h.host.label}: ${h.error ?? ""}`).toEqual(want);
      if (h.status === "DONE") expect(h._count.evidence, h.host.label).toBeGreaterThan(10);
      else expect(h.listeners, h.host.label).toEqual([]);
    }
    // The refusal names both keys, so the consultant can decide.
    const changed = hostRuns.find((h) => h.failureReason === "host-key-changed")!;
    expect(changed.error).toContain(changed.host.hostKeyFingerprint!);
    expect(changed.presentedFingerprint).not.toBe(changed.host.hostKeyFingerprint);
    const durations = hostRuns.map((h) => h.durationMs ?? 0).sort((a, b) => a - b);
    console.log(`lab run: ${hostRuns.length} hosts, per-host ms p50 ${durations[Math.floor(durations.length / 2)]} max ${durations.at(-1)}; attempts ${hostRuns.map((h) => h.attempts).join(",")}`);
  });

  it("stores who owns each exposed port as the scenario says (unit, exe, cwd, user), once per socket", async () => {
    const hostRuns = (await hostRunsOf(runId)).filter((h) => h.status === "DONE");
    let checked = 0;
    for (const h of hostRuns) {
      const scenario = scenarioOf(h.host.label);
      const keys = h.listeners.map((l) => `${l.proto} ${l.address} ${l.port}`);
      expect(new Set(keys).size, h.host.label).toBe(keys.length);
      if (scenario.auditUser.sudo === "none") continue; // the next test
      for (const want of [...COMMON_LISTENERS, ...scenario.expected.listeners]) {
        const row = h.listeners.find((l) => l.proto === want.proto && l.port === want.port && l.address === bareAddress(want.address));
        expect(row, `${h.host.label} ${want.proto} ${want.address}:${want.port}`).toBeDefined();
        if (isLoopbackAddress(want.address)) continue; // inventoried, but no owner record
        expect(row, `${h.host.label} ${want.port}`).toMatchObject({ processName: want.process, user: want.user, systemdUnit: want.unit ?? null, ownerHidden: [] });
        checked++;
      }
      for (const f of scenario.expected.findings.filter((x) => !isLoopbackAddress(x.bind))) {
        const row = h.listeners.find((l) => l.proto === f.proto && l.port === f.port && l.address === bareAddress(f.bind))!;
        expect(row.user, `${h.host.label} user of ${f.port}`).toBe(f.owner.user);
        if (f.owner.unit) expect(row.systemdUnit, `${h.host.label} unit of ${f.port}`).toBe(f.owner.unit);
        if (f.owner.exe) expect(row.exe, `${h.host.label} exe of ${f.port}`).toBe(f.owner.exe);
        if (f.owner.cwd) expect(row.cwd, `${h.host.label} cwd of ${f.port}`).toBe(f.owner.cwd);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    // The crontab's http.server: started from /tmp by the shell of dev's @reboot line.
    const cron = hostRuns.find((h) => h.host.label.endsWith("cron-http-server"))!;
    const python = cron.listeners.find((l) => l.port === 8000)!;
    expect(python.parentCmdline.join(" ")).toContain("http.server");
  });

  // The lab's ground truth for phase 3: real services, real probes through
  // sshd's forwarding, the rules. Every expected finding at its severity, and
  // no Critical or High the scenario does not expect.
  it("classifies each host as its scenario says (probes and rules on real services)", async () => {
    const hostRuns = (await hostRunsOf(runId)).filter((h) => h.status === "DONE");
    const table: string[] = [];
    for (const h of hostRuns) {
      const scenario = scenarioOf(h.host.label);
      const findings = await db().finding.findMany({ where: { hostId: h.hostId } });
      for (const want of scenario.expected.findings) {
        const found = findings.filter((f) => f.proto === want.proto && f.port === want.port).sort((a, b) => a.severityRank - b.severityRank)[0];
        table.push(`${scenario.id.padEnd(18)} ${want.proto}/${want.port} expected ${want.severity.toUpperCase().padEnd(8)} found ${found?.severity ?? "nothing"}`);
        expect(found?.severity, `${h.host.label} ${want.proto}/${want.port}`).toBe(want.severity.toUpperCase());
      }
      const expectedPorts = new Set(scenario.expected.findings.map((f) => `${f.proto}/${f.port}`));
      const unexpected = findings.filter((f) => f.severityRank <= 1 && !expectedPorts.has(`${f.proto}/${f.port}`));
      expect(unexpected.map((f) => `${f.ruleId} ${f.proto}/${f.port} ${f.severity}`), h.host.label).toEqual([]);
    }
    console.log(`lab acceptance (expected vs found):\n${table.join("\n")}`);
    expect(table.length).toBeGreaterThan(10);
  });

  it("audits the host whose sudo is refused, marking owners hidden instead of failing", async () => {
    const denied = (await hostRunsOf(runId)).find((h) => h.host.label.endsWith("sudo-denied"))!;
    expect(denied.status).toBe("DONE");
    const exposed = denied.listeners.filter((l) => !isLoopbackAddress(l.address));
    expect(exposed.map((l) => l.port).sort()).toEqual([22, 22, 80, 80]);
    for (const l of exposed) {
      expect(l.processInfoHidden, `${l.address}:${l.port}`).toBe(true);
      expect(l).toMatchObject({ pid: null, processName: null, exe: null, user: null });
      expect(l.ownerHidden.join(" ")).toMatch(/not root and sudo -n refused/);
    }
  });

  it("from outside the firewalled host: the dropped port gives no answer, the open one accepts, an unused one refuses", async () => {
    const firewalled = manifest.hosts.find((h) => h.scenario === "firewalled")!;
    const { checks } = await checkFromOutside(firewalled.address, [6379, 80, 9], { timeoutMs: 1500 });
    expect(checks.map((c) => [c.port, c.reach])).toEqual([[6379, "no-answer"], [80, "accepted"], [9, "refused"]]);
  });

  it("a firewall step's rule outlives a reload of the host's firewall, and its rollback leaves the host as it was", async () => {
    const h = manifest.hosts.find((x) => x.scenario === "firewalled")!;
    const audit = await auditHost(labAuditTarget(h, clientKey));
    if (!audit.ok) throw new Error(`${h.label}: ${audit.message}`);
    const owner = audit.facts.owners.find((o) => o.port === 80 && o.address === "0.0.0.0")!;
    const planned = firewallDeny(owner, 80, ["0.0.0.0", "::"], audit.facts, "labfw01");
    if (!planned.ok) throw new Error(planned.why);
    const { step } = planned;
    const conn = await connectPinned({ host: h.address, port: h.port, username: h.username, privateKey: clientKey, hostKeyFingerprint: h.hostKeyFingerprint });
    const sh = async (command: string) => {
      const r = await execCommand(conn, command, { timeoutMs: 20_000 });
      expect(r.exitCode, `${command}: ${r.stderr.toString()}`).toBe(0);
      return r.stdout.toString();
    };
    let rolledBack = false;
    const from80 = async () => (await checkFromOutside(h.address, [80], { timeoutMs: 1500 })).checks[0]!.reach;
    try {
      const before = await sh("nft list ruleset; ls -a /etc/systemd/system; test -e /etc/palisade && echo palisade-dir || true");
      for (const c of step.commands) await sh(c);
      for (const c of step.verifyCommands) await sh(c);
      expect(await from80()).toBe("no-answer");
      // nftables.service reloading flushes the whole ruleset; the step's unit (restarted with it,
      // ordered after it) puts its rule back a moment later: systemctl returns once nftables is up.
      await sh("systemctl restart nftables.service");
      let table = "";
      for (let i = 0; i < 100 && !table; i++) {
        const r = await execCommand(conn, "nft list table inet palisade_labfw01", { timeoutMs: 5_000 });
        if (r.exitCode === 0) table = r.stdout.toString();
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(table).toContain('iifname != "lo" tcp dport 80 drop');
      expect(await from80()).toBe("no-answer");
      rolledBack = true;
      for (const c of step.rollbackCommands) await sh(c);
      expect(await from80()).toBe("accepted");
      expect(await sh("nft list ruleset; ls -a /etc/systemd/system; test -e /etc/palisade && echo palisade-dir || true")).toBe(before);
    } finally {
      // A failure above must not leave the rule for the tests after this one.
      if (!rolledBack) for (const c of step.rollbackCommands) await execCommand(conn, c, { timeoutMs: 20_000 }).catch(() => {});
      conn.end();
    }
  });

  it("with a command timeout far below a round trip, ends each host promptly with every cut-off command marked", async () => {
    const hosts = healthyHosts().slice(0, 2);
    const { actor, engagementId } = await seedFleetEngagement(hosts, clientKey);
    const worker = await startWorker({ concurrency: 2, limits: { ...limitsFromEnv(env), commandTimeoutMs: 1, hostTimeoutMs: 30_000 } });
    workers.push(worker);
    const t0 = Date.now();
    const run = await startRun({ actor, engagementId });
    await waitForRunEnd(run.id, 45_000);
    await worker.stop();
    const seconds = (Date.now() - t0) / 1000;
    const hostRuns = await db().hostRun.findMany({ where: { runId: run.id }, include: { evidence: { select: { exitCode: true } } } });
    console.log(`command timeout 1 ms: ${hostRuns.map((h) => `${h.status}/${h.failureReason ?? "-"} ${h.evidence.filter((e) => e.exitCode === null).length}/${h.evidence.length} cut`).join(", ")} in ${seconds.toFixed(1)} s`);
    for (const h of hostRuns) {
      expect(h.durationMs!).toBeLessThan(30_000);
      if (h.status === "DONE") {
        // Still audited: what did not answer is on record as such, not silently missing.
        expect(h.evidence.some((e) => e.exitCode === null)).toBe(true);
        expect(JSON.stringify((h.inventory as { hidden?: string[] } | null)?.hidden ?? [])).toMatch(/no answer within 1 ms \(command timed out/);
      } else {
        expect([h.status, h.failureReason]).toEqual(["FAILED", "timeout"]);
      }
    }
  }, 60_000);

  it("survives a SIGKILLed worker mid-run: another worker finishes its hosts once, with no duplicates", async () => {
    const { actor, engagementId } = await seedFleetEngagement(healthyHosts(), clientKey);
    const run = await startRun({ actor, engagementId });
    // Kill it with real hosts in flight: some done, at least one in progress.
    const orphaned = await killWorkerMidRun(run.id, { minDone: 2 });
    expect(orphaned.length).toBeGreaterThan(0);

    const replacement = await startWorker({ concurrency: 4, limits: limitsFromEnv(env) });
    workers.push(replacement);
    const ended = await waitForRunEnd(run.id, 60_000);
    await replacement.stop();
    expect(ended.status).toBe("COMPLETED");

    const hostRuns = await hostRunsOf(run.id);
    expect(hostRuns).toHaveLength(healthyHosts().length);
    for (const h of hostRuns) {
      expect(h.status, h.host.label).toBe("DONE");
      const keys = h.listeners.map((l) => `${l.proto} ${l.address} ${l.port}`);
      expect(keys.length, h.host.label).toBeGreaterThan(0);
      expect(new Set(keys).size, h.host.label).toBe(keys.length);
      if (orphaned.includes(h.id)) expect(h.attempts, h.host.label).toBe(2);
    }
    console.log(`worker killed with ${orphaned.length} host(s) in flight; all ${hostRuns.length} DONE after the retry`);
  }, 90_000);
});
