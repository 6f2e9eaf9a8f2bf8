// runProbes over a real SSH connection to the test server, whose port forwarding reaches fake
// services (lab captures replayed, or documented byte sequences): one protocol per listener,
// forwarding refused, bounded output, channel limits.
import ssh2 from "ssh2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadCaptures } from "../../../scripts/lab/sim/capture-format";
import type { TAuditLimits } from "../audit-types";
import { DEFAULT_LIMITS } from "../audit-types";
import type { TProbe } from "../classification-types";
import type { TListener, TSourced } from "../facts";
import { createSession, type TAuditSession } from "../phases/session";
import { openConnection } from "../ssh/open-connection";
import { startTestServer, type TForwardHandler, type TTestServer } from "../ssh/test-ssh-server";
import type { TProbeLimits } from "./limits";
import { runProbes } from "./run-probes";
import { banner, captured, flood, httpResponse, httpService, mongod, MYSQL_GREETING, silent, smtpServer, standIn, type TService } from "./test-services";

const servers: TTestServer[] = [];
const sessions: TAuditSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.conn.close();
  for (const s of servers.splice(0)) await s.close();
});

function listener(address: string, port: number, over: Partial<TListener> = {}): TSourced<TListener> {
  const scope = address.startsWith("127.") || address === "::1" ? "loopback" : address === "0.0.0.0" || address === "::" || address === "*" ? "all" : "specific";
  return { proto: "tcp", state: "LISTEN", address, interface: null, port, family: address.includes(":") ? "ipv6" : address === "*" ? "any" : "ipv4", bindScope: scope, processes: [], processInfoHidden: false, evidence: ["ss-tcp"], ...over };
}

// Services by port, reachable on 127.0.0.1 (and on ::1 where listed in `v6`).
function byPort(services: Record<number, TService>, v6: number[] = []): TForwardHandler {
  return (ip, port) => {
    const svc = services[port];
    if (!svc) return null;
    if (ip === "127.0.0.1" || (ip === "::1" && v6.includes(port))) return svc;
    return null;
  };
}

async function probe(forward: TForwardHandler | undefined, listeners: TSourced<TListener>[], limits: Partial<TProbeLimits> = {}, audit: Partial<TAuditLimits> = {}) {
  const server = await startTestServer({ forward });
  servers.push(server);
  const conn = await openConnection(
    { address: "127.0.0.1", port: server.port, username: "audit", auth: { kind: "key", privateKey: server.clientKey }, pinnedFingerprint: server.hostKeyFingerprint },
    { connectTimeoutMs: 5000, maxChannels: audit.maxChannels ?? 5 },
  );
  const session = createSession(conn, { ...DEFAULT_LIMITS, ...audit });
  sessions.push(session);
  const t0 = performance.now();
  const probes = await runProbes(session, listeners, { limits });
  return { probes, evidence: session.evidence, hidden: session.hidden, server, ms: performance.now() - t0 };
}

const at = (probes: TProbe[], port: number, address?: string) => probes.find((p) => p.port === port && (address === undefined || p.address === address))!;

describe("runProbes: what each listener speaks", () => {
  it("names every protocol from its answers, not its port", async () => {
    const services: Record<number, TService> = {
      // Ports chosen so that none is the protocol's usual one.
      1001: banner("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n"),
      1002: smtpServer(),
      1003: banner(MYSQL_GREETING),
      1004: mongod(),
      1005: captured("redis-open", 6379),
      1006: captured("udp-memcached", 11211),
      1007: standIn({ port: 5432, kind: "postgres", ...pgFromCapture() }),
      1008: captured("node-debug", 9229),
      1009: httpService({
        "/version": httpResponse("200 OK", { "Content-Type": "application/json", "Api-Version": "1.45", Server: "Docker/26.1.5 (linux)" }, JSON.stringify({ Version: "26.1.5", ApiVersion: "1.45", Os: "linux", Arch: "amd64" })),
        "/palisade-probe-404": httpResponse("404 Not Found", { "Content-Type": "application/json" }, '{"message":"page not found"}'),
      }),
      1010: httpService({
        "/": httpResponse("200 OK", { "Content-Type": "application/json" }, JSON.stringify({ name: "es01", cluster_name: "docker-cluster", version: { number: "8.13.4" }, tagline: "You Know, for Search" })),
      }),
    };
    const ports = Object.keys(services).map(Number);
    const { probes, evidence } = await probe(byPort(services), ports.map((p) => listener("0.0.0.0", p)));
    expect(at(probes, 1001)).toMatchObject({ protocol: "ssh", banner: "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5", details: { software: "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5" } });
    expect(at(probes, 1002)).toMatchObject({ protocol: "smtp", banner: "220 mail.example.test ESMTP Postfix (Debian/GNU)", details: { starttls: "offered", auth: "PLAIN LOGIN" } });
    expect(at(probes, 1003)).toMatchObject({ protocol: "mysql", banner: "5.6.4-m7-log", details: { version: "5.6.4-m7-log", authPlugin: "mysql_native_password" } });
    expect(at(probes, 1004)).toMatchObject({ protocol: "mongodb", http: null, details: { maxWireVersion: "21", ismaster: "true" } });
    expect(at(probes, 1005)).toMatchObject({ protocol: "redis", authRequired: false, tls: null, details: { version: "7.0.15" } });
    expect(at(probes, 1006)).toMatchObject({ protocol: "memcached", authRequired: false, details: { version: "1.6.18" } });
    expect(at(probes, 1007)).toMatchObject({ protocol: "postgresql", authRequired: true, details: { ssl: "offered", authMethod: "scram-sha-256" } });
    expect(at(probes, 1007).tls).toMatchObject({ selfSigned: true });
    expect(at(probes, 1008)).toMatchObject({ protocol: "inspector", authRequired: false, details: { browser: "node.js/v18.20.4" } });
    expect(at(probes, 1009)).toMatchObject({ protocol: "docker-api", authRequired: false, details: { apiVersion: "1.45", version: "26.1.5" } });
    expect(at(probes, 1010)).toMatchObject({ protocol: "elasticsearch", authRequired: false, details: { clusterName: "docker-cluster", version: "8.13.4" } });
    for (const p of probes) {
      expect(p, `port ${p.port}`).toMatchObject({ via: "forwarded", error: null });
      expect(evidence.find((e) => e.key === `probe:${p.port}`), `evidence of ${p.port}`).toMatchObject({ phase: "probe", outcome: "ok", exitCode: 0 });
    }
  });

  it("reads TLS and then HTTP over it: certificate, protocol version, status, CORS and debug paths", async () => {
    const nginx = loadTls();
    const http = {
      "/": httpResponse("200 OK", { Server: "gunicorn", "Access-Control-Allow-Origin": "*", "Set-Cookie": "session=9f8e7d6c5b4a; HttpOnly" }, "hello"),
      "/metrics": httpResponse("200 OK", { "Content-Type": "text/plain" }, "# HELP up\nup 1\n"),
      "/palisade-probe-404": httpResponse("404 Not Found", {}, ""),
    };
    const svc = standIn({ port: 8443, kind: "https", tls: nginx, http: Object.fromEntries(Object.entries(http).map(([k, v]) => [k, Buffer.from(v).toString("base64")])) });
    const { probes, evidence } = await probe(byPort({ 8443: svc }), [listener("0.0.0.0", 8443)]);
    const p = at(probes, 8443);
    expect(p.tls).toEqual({ subject: "CN=vm", issuer: "CN=vm", validTo: "2036-11-18T05:36:49.000Z", selfSigned: true, protocol: "TLSv1.3" });
    expect(p).toMatchObject({ protocol: "http", authRequired: false });
    expect(p.http).toEqual({
      status: 200,
      server: "gunicorn",
      authRequired: false,
      corsAllowOrigin: "*",
      paths: [
        { path: "/metrics", status: 200 },
        { path: "/debug/pprof/", status: 404 },
        { path: "/actuator", status: 404 },
        { path: "/server-status", status: 404 },
      ],
    });
    const ev = evidence.find((e) => e.key === "probe:8443")!;
    expect(ev.command).toMatch(/^probe tcp\/8443 via ssh forward to 127\.0\.0\.1:8443: .*TLS ClientHello; GET \/ \(Origin: https:\/\/palisade-probe\.invalid\) over TLS/);
    // The session cookie handed to an anonymous client is not stored; the hash covers it.
    expect(ev.stdout).toContain("Set-Cookie: session=[REDACTED]; HttpOnly");
    expect(ev.stdout).not.toContain("9f8e7d6c5b4a");
    expect(ev.redacted).toBe(true);
  });

  it("waits again for a greeting that came after the probe had already spoken", async () => {
    const late: TService = (stream) => {
      setTimeout(() => stream.write("SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3\r\n"), 300);
      stream.on("data", () => {});
    };
    const { probes } = await probe(byPort({ 2200: late }), [listener("0.0.0.0", 2200)], { greetingMs: 100 });
    expect(at(probes, 2200)).toMatchObject({ protocol: "ssh", banner: "SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3" });
  });

  it("sees a password-protected Redis and a trust-authenticated PostgreSQL for what they are", async () => {
    const noauth = standIn({ port: 6379, kind: "redis", redis: { PING: b64("-NOAUTH Authentication required.\r\n") } });
    // No password, but protected mode: +PONG to the probe on loopback, refused to anyone else.
    const guarded = standIn({ port: 6379, kind: "redis", redis: { PING: b64("+PONG\r\n"), CONFIG: b64("*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n") } });
    const trust = standIn({ port: 5432, kind: "postgres", postgres: { sslReply: b64("N"), startupReply: b64(pgError("FATAL", "28000", 'role "palisade_probe" does not exist')) } });
    const { probes } = await probe(byPort({ 6380: noauth, 6381: guarded, 5433: trust }), [listener("0.0.0.0", 6380), listener("0.0.0.0", 6381), listener("0.0.0.0", 5433)]);
    expect(at(probes, 6380)).toMatchObject({ protocol: "redis", authRequired: true, banner: "-NOAUTH Authentication required." });
    expect(at(probes, 6381)).toMatchObject({ protocol: "redis", authRequired: false, details: { protectedMode: "yes" } });
    expect(at(probes, 5433)).toMatchObject({ protocol: "postgresql", authRequired: false, tls: null, details: { ssl: "not offered", authMethod: "trust" } });
  });
});

describe("runProbes: where it connects and what it does when it cannot", () => {
  it("says forwarding is unavailable when the host refuses it, for every listener, without failing", async () => {
    const { probes, evidence, hidden } = await probe(undefined, [listener("0.0.0.0", 6379), listener("::", 80)]);
    expect(probes).toHaveLength(2);
    expect(hidden).toEqual([expect.stringMatching(/^probes: the host refused to forward connections/)]);
    for (const p of probes) {
      expect(p).toMatchObject({ via: "unavailable", protocol: "unknown", authRequired: null, tls: null, http: null });
      expect(p.error).toMatch(/refused to forward.*administratively prohibited/);
      const ev = evidence.find((e) => e.key === p.evidence[0])!;
      expect(ev).toMatchObject({ outcome: "error", exitCode: null, stdout: expect.stringContaining("administratively prohibited") });
    }
  });

  it("reaches 0.0.0.0 and * through 127.0.0.1, [::] through ::1, a specific address through itself", async () => {
    const seen: string[] = [];
    const forward: TForwardHandler = (ip, port) => {
      seen.push(`${ip} ${port}`);
      return banner(`SSH-2.0-seen-at-${ip}\r\n`);
    };
    const { probes } = await probe(forward, [listener("0.0.0.0", 22), listener("::", 22), listener("*", 2222), listener("10.250.0.10", 2022)]);
    expect(probes.map((p) => p.details.probedAt)).toEqual(["127.0.0.1:22", "[::1]:22", "127.0.0.1:2222", "10.250.0.10:2022"]);
    // Two listeners share port 22: their evidence keys say which is which.
    expect(probes.map((p) => p.evidence[0])).toEqual(["probe:0.0.0.0:22", "probe:[::]:22", "probe:2222", "probe:2022"]);
  });

  it("falls back to 127.0.0.1 for [::] when ::1 refuses and no IPv4 socket shares the port", async () => {
    const { probes } = await probe(byPort({ 8080: httpService({ "/": httpResponse("200 OK", { Server: "caddy" }) }) }), [listener("::", 8080)]);
    expect(at(probes, 8080)).toMatchObject({ protocol: "http", details: { probedAt: "127.0.0.1:8080" } });
  });

  it("probes no loopback or UDP listener", async () => {
    const { probes, server } = await probe(byPort({ 11211: captured("udp-memcached", 11211) }), [
      listener("127.0.0.1", 6379),
      listener("::1", 5432),
      listener("0.0.0.0", 11211, { proto: "udp", state: "UNCONN" }),
    ]);
    expect(probes).toEqual([]);
    expect(server.stats.forwards).toBe(0);
  });

  it("gives up on a silent port quickly, and keeps every read bounded", async () => {
    const limits = { greetingMs: 200, identifyMs: 400 };
    const { probes, evidence, ms } = await probe(byPort({ 7000: silent, 7001: flood(1024 * 1024) }), [listener("0.0.0.0", 7000), listener("0.0.0.0", 7001)], limits);
    expect(ms).toBeLessThan(3000);
    expect(at(probes, 7000)).toMatchObject({ protocol: "unknown", error: expect.stringMatching(/no greeting within 200 ms and no answer to an HTTP request within 400 ms/) });
    expect(evidence.find((e) => e.key === "probe:7000")).toMatchObject({ outcome: "empty", exitCode: 0 });
    const flooded = evidence.find((e) => e.key === "probe:7001")!;
    expect(flooded.truncated).toBe(true);
    expect(flooded.stdout.length).toBeLessThan(20 * 1024);
    expect(at(probes, 7001).banner).toMatch(/^A{200}$/);
  });

  it("never holds more forwarded channels at once than the connection's channel limit", async () => {
    // Counted as the client sees them: from the open confirmation to the server's close (sshd
    // has let go of a channel by the time its close reaches us).
    const channels = { open: 0, peak: 0 };
    const real = ssh2.Client.prototype.forwardOut;
    const spy = vi.spyOn(ssh2.Client.prototype, "forwardOut").mockImplementation(function (this: ssh2.Client, ...args: unknown[]) {
      const cb = args[4] as (err: Error | undefined, stream: ssh2.ClientChannel) => void;
      return (real as (...a: unknown[]) => ssh2.Client).call(this, ...args.slice(0, 4), (err: Error | undefined, stream: ssh2.ClientChannel) => {
        if (!err) {
          channels.peak = Math.max(channels.peak, ++channels.open);
          stream.once("close", () => channels.open--);
        }
        cb(err, stream);
      });
    });
    try {
      const services = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [3000 + i, captured("nginx-http", 80)]));
      const { probes, server } = await probe(byPort(services), Object.keys(services).map((p) => listener("0.0.0.0", Number(p))), {}, { maxChannels: 3 });
      expect(probes.every((p) => p.protocol === "http" && p.http?.status === 200)).toBe(true);
      expect(server.stats.forwards).toBeGreaterThan(12);
      expect(channels.peak).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });
});

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

function pgError(severity: string, code: string, message: string): Buffer {
  const body = Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${message}\0\0`, "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from("E"), len, body]);
}

// Debian's PostgreSQL 15 as the lab captured it: SSL offered, SCRAM for a password.
function pgFromCapture() {
  const s = loadStandIn("localhost-only", 5432);
  return { postgres: s.postgres!, tls: s.tls! };
}

function loadTls() {
  return loadStandIn("nginx-tls", 443).tls!;
}

function loadStandIn(scenario: string, port: number) {
  return loadCaptures()
    .find((c) => c.scenario === scenario)!
    .standIns.find((s) => s.port === port)!;
}
