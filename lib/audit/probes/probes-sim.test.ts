// Probes through auditHost on the demo fleet: each simulated host forwards direct-tcpip to
// stand-ins that answer as the lab's real services did (scripts/lab/sim/stand-ins.ts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../scripts/lab/scenarios";
import { loadCaptures, type TCapture } from "../../../scripts/lab/sim/capture-format";
import { startSimFleet, type TSimFleet } from "../../../scripts/lab/sim/fleet";
import { auditHost } from "../audit-host";
import type { THostAuditResult } from "../audit-types";
import { evidenceHash } from "../evidence";
import { testFleetBasePort } from "@/lib/testing/fleet-port";

let fleet: TSimFleet;
let dir: string;
let clientKey: string;
const results = new Map<string, { result: THostAuditResult; stages: string[] }>();

async function audit(scenario: string) {
  const h = fleet.manifest.hosts.find((x) => x.scenario === scenario)!;
  const stages: string[] = [];
  const result = await auditHost(
    { address: h.address, port: h.port, username: h.username, auth: { kind: "key", privateKey: clientKey }, pinnedFingerprint: h.hostKeyFingerprint },
    { onStage: (s) => stages.push(s) },
  );
  return { result, stages };
}

async function startFleet(hosts: number, captures?: TCapture[]): Promise<TSimFleet> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startSimFleet({ hosts, dir: mkdtempSync(path.join(dir, "fleet-")), captures, basePort: testFleetBasePort(hosts) });
    } catch (err) {
      if (attempt > 5 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "palisade-probe-sim-"));
  fleet = await startFleet(SCENARIOS.length);
  clientKey = readFileSync(fleet.manifest.clientKeyPath, "utf8");
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  await Promise.all(up.map(async (id) => results.set(id, await audit(id))));
}, 60_000);

afterAll(async () => {
  await fleet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ok(scenario: string) {
  const r = results.get(scenario)!.result;
  if (!r.ok) throw new Error(`${scenario}: ${r.reason}: ${r.message}`);
  return r;
}

const probeAt = (scenario: string, address: string, port: number) => ok(scenario).probes.find((p) => p.address === address && p.port === port);

describe("probes on the demo fleet", () => {
  it("finds redis answering PING without a password on 0.0.0.0:6379", () => {
    expect(probeAt("redis-open", "0.0.0.0", 6379)).toMatchObject({ via: "forwarded", protocol: "redis", authRequired: false, tls: null, http: null, banner: "+PONG", details: { version: "7.0.15" }, error: null });
  });

  it("reads nginx's self-signed certificate and the 403 behind it on 443, over IPv4 and IPv6", () => {
    for (const address of ["0.0.0.0", "::"]) {
      const p = probeAt("nginx-tls", address, 443);
      expect(p?.tls).toMatchObject({ subject: "CN=vm", issuer: "CN=vm", selfSigned: true, protocol: "TLSv1.3" });
      expect(p?.tls?.validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(p).toMatchObject({ protocol: "http", authRequired: true, http: { status: 403, server: "nginx/1.22.1", authRequired: true } });
    }
  });

  it("sees plain HTTP from nginx on 80, without TLS", () => {
    const p = probeAt("nginx-http", "0.0.0.0", 80);
    expect(p).toMatchObject({ protocol: "http", tls: null, authRequired: false, http: { status: 200, server: "nginx/1.22.1", corsAllowOrigin: null } });
    expect(p?.http?.paths.map((x) => x.path)).toEqual(["/metrics", "/debug/pprof/", "/actuator", "/server-status"]);
  });

  it("recognises the node inspector on 9229, and leaves the loopback app on 3000 alone", () => {
    expect(probeAt("node-debug", "0.0.0.0", 9229)).toMatchObject({ protocol: "inspector", authRequired: false, details: { browser: "node.js/v18.20.4" } });
    expect(ok("node-debug").probes.some((p) => p.port === 3000)).toBe(false);
  });

  it("probes memcached's TCP socket and never its UDP one", () => {
    const r = ok("udp-memcached");
    expect(r.facts.listeners.some((l) => l.proto === "udp" && l.port === 11211)).toBe(true);
    expect(r.probes.filter((p) => p.port === 11211)).toEqual([expect.objectContaining({ proto: "tcp", protocol: "memcached", authRequired: false })]);
  });

  it("reaches [::]:8080 through ::1 and *:9100 through 127.0.0.1 on the dual-stack host", () => {
    expect(probeAt("dual-stack", "::", 8080)).toMatchObject({ protocol: "http", details: { probedAt: "[::1]:8080" } });
    expect(probeAt("dual-stack", "*", 9100)).toMatchObject({ protocol: "http", details: { probedAt: "127.0.0.1:9100" } });
  });

  it("probes nothing on a host whose datastores listen on loopback only", () => {
    expect(ok("localhost-only").probes.map((p) => p.port).sort()).toEqual([22, 22]);
  });

  it("hears sshd's banner on port 22", () => {
    expect(probeAt("redis-open", "0.0.0.0", 22)).toMatchObject({ protocol: "ssh", banner: expect.stringMatching(/^SSH-2\.0-OpenSSH_/), authRequired: null });
  });

  it("lets a silent port time out without failing the host, saying what it tried", async () => {
    // The redis host again, with redis answering nothing at all.
    const capture = structuredClone(loadCaptures().find((c) => c.scenario === "redis-open")!);
    capture.standIns = capture.standIns.map((x) => (x.port === 6379 ? { proto: "tcp", port: 6379, kind: "silent", accepts: x.accepts } : x));
    const quiet = await startFleet(1, [capture]);
    try {
      const h = quiet.manifest.hosts[0]!;
      const r = await auditHost({ address: h.address, port: h.port, username: h.username, auth: { kind: "key", privateKey: readFileSync(quiet.manifest.clientKeyPath, "utf8") }, pinnedFingerprint: h.hostKeyFingerprint });
      if (!r.ok) throw new Error(r.message);
      const p = r.probes.find((x) => x.port === 6379)!;
      expect(p).toMatchObject({ protocol: "unknown", authRequired: null, error: expect.stringMatching(/no greeting within \d+ ms and no answer to an HTTP request within \d+ ms/) });
      expect(r.evidence.find((e) => e.key === p.evidence[0])).toMatchObject({ outcome: "empty", exitCode: 0 });
      expect(r.facts.owners.find((o) => o.port === 6379)?.processName).toBe("redis-server");
    } finally {
      await quiet.close();
    }
  });

  it("probes every exposed TCP listener once, after forensics, each with its own evidence", () => {
    for (const [id, { result, stages }] of results) {
      if (!result.ok) throw new Error(`${id}: ${result.message}`);
      expect(stages, id).toEqual(["connecting", "discovering", "forensics", "probing"]);
      const exposed = result.facts.listeners.filter((l) => l.proto === "tcp" && l.bindScope !== "loopback");
      expect(result.probes.map((p) => `${p.address}:${p.port}`), id).toEqual(exposed.map((l) => `${l.address}:${l.port}`));
      const keys = result.evidence.map((e) => e.key);
      expect(new Set(keys).size, id).toBe(keys.length);
      for (const p of result.probes) {
        const ev = result.evidence.find((e) => e.key === p.evidence[0])!;
        expect(ev, `${id} ${p.port}`).toMatchObject({ phase: "probe", commandId: "probe-tcp", command: expect.stringMatching(new RegExp(`^probe tcp/${p.port} via ssh forward to `)) });
        expect(ev.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(ev.stdout.length).toBeLessThanOrEqual(64 * 1024 * 4);
      }
    }
  });

  it("stops probing before the host's deadline, and the host still ends with its facts", async () => {
    const h = fleet.manifest.hosts.find((x) => x.scenario === "redis-open")!;
    // Waiting 5 s for redis to greet would outlast the host's 2 s.
    const r = await auditHost(
      { address: h.address, port: h.port, username: h.username, auth: { kind: "key", privateKey: clientKey }, pinnedFingerprint: h.hostKeyFingerprint },
      { limits: { hostTimeoutMs: 2000 }, probeLimits: { greetingMs: 5000 } },
    );
    expect(r.ok, r.ok ? "" : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.facts.owners.some((o) => o.port === 6379)).toBe(true);
    expect(r.probes.map((p) => p.port).sort()).toEqual([22, 22, 6379]);
    expect(r.probes.find((p) => p.port === 6379)?.error).toMatch(/^no time left to probe port 6379/);
  });

  it("hashes the bytes that came back: a text transcript verifies against its stored output, and repeats", async () => {
    const first = ok("redis-open").evidence.find((e) => e.key === "probe:6379")!;
    expect(first.redacted).toBe(false);
    expect(first.sha256).toBe(evidenceHash(first.command, Buffer.from(first.stdout, "utf8"), Buffer.from(first.stderr, "utf8"), first.exitCode));
    expect(first.stdout).toContain("> PING: answer complete");
    expect(first.stdout).toContain("redis_version:7.0.15");
    const again = (await audit("redis-open")).result;
    expect(again.evidence.find((e) => e.key === "probe:6379")?.sha256).toBe(first.sha256);
  });
});
