// auditHost against the demo fleet: real ssh2 servers on 127.0.0.1 replaying captured lab hosts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateEd25519 } from "../../scripts/lab/keys";
import { SCENARIOS } from "../../scripts/lab/scenarios";
import { loadCaptures, type TCapture } from "../../scripts/lab/sim/capture-format";
import { startSimFleet, type TSimFleet } from "../../scripts/lab/sim/fleet";
import type { TManifestHost } from "../../scripts/lab/state";
import { auditHost } from "./audit-host";
import type { TAuditTarget, THostAuditResult } from "./audit-types";
import { evidenceHash } from "./evidence";
import { startTestServer } from "./ssh/test-ssh-server";
import { testFleetBasePort } from "@/lib/testing/fleet-port";

const dirs: string[] = [];
const fleets: TSimFleet[] = [];

async function startFleet(hosts: number, captures?: TCapture[]): Promise<TSimFleet> {
  const dir = mkdtempSync(path.join(tmpdir(), "palisade-audit-test-"));
  dirs.push(dir);
  // A random base port: tests run beside other work on the same machine.
  for (let attempt = 0; ; attempt++) {
    try {
      const fleet = await startSimFleet({ hosts, dir, captures, basePort: testFleetBasePort(hosts) });
      fleets.push(fleet);
      return fleet;
    } catch (err) {
      if (attempt > 5 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

let fleet: TSimFleet;
let clientKey: string;
const results = new Map<string, THostAuditResult>();

function host(f: TSimFleet, scenario: string): TManifestHost {
  const h = f.manifest.hosts.find((x) => x.scenario === scenario);
  if (!h) throw new Error(`no sim host for ${scenario}`);
  return h;
}

function targetOf(h: TManifestHost, over: Partial<TAuditTarget> = {}): TAuditTarget {
  return { address: h.address, port: h.port, username: h.username, auth: { kind: "key", privateKey: clientKey }, pinnedFingerprint: h.hostKeyFingerprint, ...over };
}

async function audited(scenario: string) {
  const r = results.get(scenario);
  if (!r) throw new Error(`no result for ${scenario}`);
  if (!r.ok) throw new Error(`${scenario} failed: ${r.reason}: ${r.message}`);
  return r;
}

// Counts the exec channels the client has asked for and not yet seen closed, across every
// connection: the number sshd would hold against MaxSessions.
const channels = { open: 0, peak: 0, execs: 0 };
// Exec channels each host's audit opened (hosts are audited one at a time).
const execsPerHost = new Map<string, number>();
const realExec = ssh2.Client.prototype.exec;

beforeAll(async () => {
  vi.spyOn(ssh2.Client.prototype, "exec").mockImplementation(function (this: ssh2.Client, command: string, ...rest: unknown[]) {
    const cb = rest[rest.length - 1] as (err: Error | undefined, stream: ssh2.ClientChannel) => void;
    channels.open++;
    channels.execs++;
    channels.peak = Math.max(channels.peak, channels.open);
    const done = () => channels.open--;
    const wrapped = (err: Error | undefined, stream: ssh2.ClientChannel) => {
      if (err) done();
      else stream.once("close", done);
      cb(err, stream);
    };
    return (realExec as (...a: unknown[]) => ssh2.Client).call(this, command, ...rest.slice(0, -1), wrapped);
  });
  fleet = await startFleet(SCENARIOS.length);
  clientKey = readFileSync(fleet.manifest.clientKeyPath, "utf8");
  // One host at a time, so the channel peak is per connection.
  for (const h of fleet.manifest.hosts) {
    const before = channels.execs;
    results.set(h.scenario, await auditHost(targetOf(h)));
    execsPerHost.set(h.scenario, channels.execs - before);
  }
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  for (const f of fleets) await f.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("auditHost on the demo fleet", () => {
  it("audits every reachable host and fails the two that cannot be audited, each for its own reason", () => {
    for (const s of SCENARIOS) {
      const r = results.get(s.id)!;
      if (s.reach === "up") expect(r.ok, `${s.id}: ${r.ok ? "" : r.message}`).toBe(true);
    }
    expect(results.get("unreachable")).toMatchObject({ ok: false, reason: "unreachable", presentedFingerprint: null, evidence: [] });
    expect(results.get("host-key-changed")).toMatchObject({ ok: false, reason: "host-key-changed", evidence: [] });
  });

  it("finds redis on 0.0.0.0:6379 and names its owner: redis-server, its binary, its unit", async () => {
    const r = await audited("redis-open");
    expect(r.facts.listeners).toContainEqual(expect.objectContaining({ proto: "tcp", address: "0.0.0.0", port: 6379, bindScope: "all" }));
    const owner = r.facts.owners.find((o) => o.port === 6379)!;
    expect(owner).toMatchObject({ address: "0.0.0.0", processName: "redis-server", user: "redis", systemdUnit: "redis-server.service", cwd: "/var/lib/redis", hidden: [] });
    // Debian ships /usr/bin/redis-server as a symlink to redis-check-rdb; /proc/PID/exe shows the
    // file actually executed, the cmdline the name it was started by.
    expect(owner.cmdline?.[0]).toBe("/usr/bin/redis-server 0.0.0.0:6379");
    expect(owner.exe).toBe("/usr/bin/redis-check-rdb");
    expect(owner.evidence).toEqual(expect.arrayContaining(["ss-tcp", `proc-exe:${owner.pid}`, `proc-cgroup:${owner.pid}`]));
    // Loopback-only sockets get no owner record (nothing outside the host can reach them).
    expect(r.facts.owners.every((o) => !o.address.startsWith("127.") && o.address !== "::1")).toBe(true);
  });

  it("traces the bare http.server to dev's @reboot crontab: cwd /tmp, parent the shell cron started", async () => {
    const r = await audited("cron-http-server");
    const owner = r.facts.owners.find((o) => o.port === 8000)!;
    expect(owner).toMatchObject({ processName: "python3", exe: "/usr/bin/python3.11", cwd: "/tmp", user: "dev", systemdUnit: "cron.service" });
    const job = r.facts.cronJobs.find((j) => j.user === "dev" && j.schedule === "@reboot")!;
    expect(job.evidence).toEqual(["crontab-user:dev"]);
    expect(owner.parentCmdline).toEqual(["/bin/sh", "-c", job.command]);
    expect(owner.evidence).toContain(`proc-cmdline:${owner.ppid}`);
  });

  it("with sudo refused, says the owners are hidden and why, instead of failing or guessing", async () => {
    const r = await audited("sudo-denied");
    const exposed = r.facts.owners.filter((o) => o.port === 80);
    expect(exposed.length).toBeGreaterThan(0);
    for (const o of exposed) {
      expect(o).toMatchObject({ pid: null, processName: null, exe: null, user: null });
      expect(o.hidden.join(" ")).toMatch(/not root and sudo -n refused/);
    }
    expect(r.facts.hidden).toContainEqual(expect.stringMatching(/^ss-tcp: process owners hidden: not root and sudo -n refused/));
    // The refused sudo attempt is kept as evidence beside the plain run.
    expect(r.evidence.map((e) => e.key)).toEqual(expect.arrayContaining(["ss-tcp", "ss-tcp:sudo"]));
    expect(r.evidence.find((e) => e.key === "ss-tcp:sudo")).toMatchObject({ command: "sudo -n ss -H -tlnp", outcome: "permission-denied" });
  });

  it("with password-less sudo, sees owners through sudo -n", async () => {
    const r = await audited("sudo-nopasswd");
    const owner = r.facts.owners.find((o) => o.port === 80 && o.address === "0.0.0.0")!;
    expect(owner).toMatchObject({ processName: "nginx", exe: "/usr/sbin/nginx", user: "root", systemdUnit: "nginx.service", hidden: [] });
    expect(r.evidence.find((e) => e.key === `proc-exe:${owner.pid}`)?.command).toBe(`sudo -n readlink /proc/${owner.pid}/exe`);
  });

  it("records absent tools as tool states, not failures", async () => {
    const r = await audited("redis-open");
    expect(r.facts.toolStates).toMatchObject({ "docker-ps": "command-not-found", "podman-ps": "command-not-found", iptables: "command-not-found", "ss-tcp": "ok" });
  });

  it("gives every evidence a key unique within its host, and every fact's evidence key exists", () => {
    for (const r of results.values()) {
      if (!r.ok) continue;
      const keys = r.evidence.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      const facts = [...r.facts.listeners, ...r.facts.owners, ...r.facts.services, ...r.facts.cronJobs, ...r.facts.timers, ...r.facts.firewalls, ...r.facts.containers];
      for (const f of facts) for (const k of f.evidence) expect(keys).toContain(k);
    }
  });

  it("never had more than 5 exec channels open on one connection", () => {
    expect(channels.peak).toBeGreaterThanOrEqual(1);
    expect(channels.peak).toBeLessThanOrEqual(5);
    for (const r of results.values()) if (r.ok) expect(r.facts.hidden.join("\n")).not.toMatch(/refused to open another SSH channel/);
  });

  it("batches: a host's dozens of commands go through a handful of exec channels, each still its own evidence", async () => {
    const r = await audited("nginx-http");
    const commands = r.evidence.filter((e) => e.phase !== "probe").length;
    expect(commands).toBeGreaterThan(25);
    // id; the rest of discovery; the PIDs' /proc reads; parents (probes use no exec channel).
    expect(execsPerHost.get("nginx-http")).toBeLessThanOrEqual(5);
    for (const e of r.evidence) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A non-root host whose sudo is refused re-runs the refused commands plainly: one more batch.
    expect(execsPerHost.get("sudo-denied")).toBeLessThanOrEqual(7);
  });

  it("refuses a wrong pin before running anything, naming both fingerprints", async () => {
    const h = host(fleet, "redis-open");
    const wrong = generateEd25519("someone-else").fingerprint;
    const r = await auditHost(targetOf(h, { pinnedFingerprint: wrong }));
    expect(r).toMatchObject({ ok: false, reason: "host-key-changed", presentedFingerprint: h.hostKeyFingerprint, evidence: [] });
    if (r.ok) return;
    expect(r.message).toContain(wrong);
    expect(r.message).toContain(h.hostKeyFingerprint);
  });

  it("on first contact (no pin) audits and reports the key it saw", async () => {
    const h = host(fleet, "nginx-http");
    const r = await auditHost(targetOf(h, { pinnedFingerprint: null }));
    expect(r).toMatchObject({ ok: true, firstContact: true, presentedFingerprint: h.hostKeyFingerprint });
  });

  it("says auth-refused for a key the host does not accept", async () => {
    const r = await auditHost(targetOf(host(fleet, "redis-open"), { auth: { kind: "key", privateKey: generateEd25519("stranger").privateKey } }));
    expect(r).toMatchObject({ ok: false, reason: "auth-refused" });
  });

  it("keeps hashes stable across runs and verifiable against the raw output", async () => {
    const again = await auditHost(targetOf(host(fleet, "redis-open")));
    const first = await audited("redis-open");
    expect(again.ok).toBe(true);
    const hashes = (r: THostAuditResult) => Object.fromEntries(r.evidence.map((e) => [e.key, e.sha256]));
    expect(hashes(again)).toEqual(hashes(first));
    const capture = loadCaptures().find((c) => c.scenario === "redis-open")!;
    const ss = first.evidence.find((e) => e.key === "ss-tcp")!;
    const raw = capture.commands["ss -H -tlnp"]!;
    expect(ss.sha256).toBe(evidenceHash("ss -H -tlnp", Buffer.from(raw.stdout), Buffer.from(raw.stderr), raw.exitCode));
  });
});

// A variant of the redis host: redis started with its password on the command line, and a
// docker container publishing 8080 through docker-proxy.
function dockerRedisCapture(): TCapture {
  const base = structuredClone(loadCaptures().find((c) => c.scenario === "redis-open")!);
  const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: "" });
  const redisPid = /"redis-server",pid=(\d+)/.exec(base.commands["ss -H -tlnp"]!.stdout)![1]!;
  base.commands[`cat /proc/${redisPid}/cmdline`] = ok("/usr/bin/redis-server\0*:6379\0--requirepass\0s3cr3t-P4ss\0");
  base.commands["ss -H -tlnp"] = ok(
    `${base.commands["ss -H -tlnp"]!.stdout}LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:* users:(("docker-proxy",pid=1893,fd=4))\n`,
  );
  base.commands["docker ps --no-trunc --format '{{json .}}'"] = ok(
    `${JSON.stringify({ Command: '"/docker-entrypoint.sh nginx -g \'daemon off;\'"', ID: "c0ffee0ddba11deadbeef0123456789abcdef0123456789abcdef0123456789a", Image: "nginx:1.25", Names: "edge", Ports: "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", State: "running", Status: "Up 10 days" })}\n`,
  );
  base.commands["readlink /proc/1893/exe"] = ok("/usr/bin/docker-proxy\n");
  base.commands["cat /proc/1893/cmdline"] = ok("/usr/bin/docker-proxy\0-proto\0tcp\0-host-ip\x000.0.0.0\0-host-port\x008080\0-container-ip\x00172.17.0.2\0-container-port\x0080\0");
  base.commands["readlink /proc/1893/cwd"] = ok("/\n");
  base.commands["cat /proc/1893/status"] = ok("Name:\tdocker-proxy\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1893\nPid:\t1893\nPPid:\t901\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
  base.commands["cat /proc/1893/cgroup"] = ok("0::/system.slice/docker.service\n");
  base.commands["ps -o pid=,ppid=,user=,etimes=,lstart= -p 1893"] = ok("   1893     901 root       864000 Mon Nov 11 05:54:04 2026\n");
  base.commands["cat /proc/901/cmdline"] = ok("/usr/bin/dockerd\0-H\0fd://\0--containerd=/run/containerd/containerd.sock\0");
  return base;
}

describe("auditHost on a host with secrets on a command line and docker-proxy", () => {
  it("shows the password as [REDACTED] while the hash still matches the raw bytes", async () => {
    const capture = dockerRedisCapture();
    const f = await startFleet(1, [capture]);
    const h = host(f, "redis-open");
    const r = await auditHost(targetOf(h, { auth: { kind: "key", privateKey: readFileSync(f.manifest.clientKeyPath, "utf8") } }));
    if (!r.ok) throw new Error(r.message);
    const owner = r.facts.owners.find((o) => o.port === 6379)!;
    const ev = r.evidence.find((e) => e.key === `proc-cmdline:${owner.pid}`)!;
    expect(ev.stdout).toBe("/usr/bin/redis-server\0*:6379\0--requirepass\0[REDACTED]\0");
    expect(ev.redacted).toBe(true);
    const raw = capture.commands[`cat /proc/${owner.pid}/cmdline`]!;
    expect(ev.sha256).toBe(evidenceHash(ev.command, Buffer.from(raw.stdout), Buffer.alloc(0), 0));
    // Facts are read from the redacted text too: nothing downstream ever holds the password.
    expect(owner.cmdline).toEqual(["/usr/bin/redis-server", "*:6379", "--requirepass", "[REDACTED]"]);
    expect(JSON.stringify(r)).not.toContain("s3cr3t-P4ss");

    const proxy = r.facts.owners.find((o) => o.port === 8080)!;
    expect(proxy).toMatchObject({
      processName: "docker-proxy",
      systemdUnit: "docker.service",
      publishedBy: { containerId: "c0ffee0ddba11deadbeef0123456789abcdef0123456789abcdef0123456789a", name: "edge", image: "nginx:1.25" },
      parentCmdline: ["/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"],
    });
  });
});

describe("auditHost timeouts and cancellation", () => {
  it("marks a command that does not answer as timed out and finishes the host", async () => {
    const server = await startTestServer({ username: "root", hang: /^ss -H -tlnp$/ });
    try {
      const target: TAuditTarget = { address: "127.0.0.1", port: server.port, username: "root", auth: { kind: "key", privateKey: server.clientKey }, pinnedFingerprint: server.hostKeyFingerprint };
      const r = await auditHost(target, { limits: { commandTimeoutMs: 300 } });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.evidence.find((e) => e.key === "ss-tcp")).toMatchObject({ exitCode: null, outcome: "error" });
      expect(r.facts.hidden).toContainEqual(expect.stringMatching(/^ss-tcp: no answer within 300 ms/));
    } finally {
      await server.close();
    }
  });

  it("stops a host that outlives the host timeout, with the evidence gathered so far", async () => {
    const server = await startTestServer({ username: "root", hang: /^ss |^cat \/etc\/os-release$/ });
    try {
      const target: TAuditTarget = { address: "127.0.0.1", port: server.port, username: "root", auth: { kind: "key", privateKey: server.clientKey }, pinnedFingerprint: server.hostKeyFingerprint };
      const t0 = Date.now();
      const r = await auditHost(target, { limits: { hostTimeoutMs: 1500, commandTimeoutMs: 60_000 } });
      expect(Date.now() - t0).toBeLessThan(6000);
      expect(r).toMatchObject({ ok: false, reason: "timeout" });
      expect(r.evidence.length).toBeGreaterThan(0);
      expect(r.evidence.map((e) => e.key)).toContain("whoami");
    } finally {
      await server.close();
    }
  });

  it("stops when cancelled, and reports the stages it went through", async () => {
    const server = await startTestServer({ username: "root", hang: /^ss / });
    try {
      const target: TAuditTarget = { address: "127.0.0.1", port: server.port, username: "root", auth: { kind: "key", privateKey: server.clientKey }, pinnedFingerprint: server.hostKeyFingerprint };
      const ac = new AbortController();
      const stages: string[] = [];
      setTimeout(() => ac.abort(), 300);
      const r = await auditHost(target, { signal: ac.signal, onStage: (s) => stages.push(s) });
      expect(r).toMatchObject({ ok: false, reason: "error", message: "audit cancelled" });
      expect(stages).toEqual(["connecting", "discovering"]);
    } finally {
      await server.close();
    }
  });
});
