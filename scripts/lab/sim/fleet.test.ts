import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import type { Client } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asRoot, DISCOVERY_COMMANDS } from "../../../lib/audit/command-set";
import { BATCH_BOOTSTRAP } from "../../../lib/audit/ssh/batch-script";
import { connectPinned, execCommand, HostKeyMismatchError } from "../../../lib/audit/ssh/exec";
import { generateEd25519 } from "../keys";
import { SCENARIOS } from "../scenarios";
import type { TManifestHost } from "../state";
import { loadCaptures, outputBytes } from "./capture-format";
import { startSimFleet, type TSimFleet } from "./fleet";
import { testFleetBasePort } from "@/lib/testing/fleet-port";

const captures = new Map(loadCaptures().map((c) => [c.scenario, c]));
let fleet: TSimFleet;
let dir: string;
let clientKey: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "palisade-sim-test-"));
  // A random base port: tests run beside other work on the same machine.
  for (let attempt = 0; ; attempt++) {
    try {
      fleet = await startSimFleet({ hosts: SCENARIOS.length, dir, basePort: testFleetBasePort(SCENARIOS.length) });
      break;
    } catch (err) {
      if (attempt > 5 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
  clientKey = readFileSync(fleet.manifest.clientKeyPath, "utf8");
});

afterAll(async () => {
  await fleet?.close();
  rmSync(dir, { recursive: true, force: true });
});

function host(scenario: string): TManifestHost {
  const h = fleet.manifest.hosts.find((x) => x.scenario === scenario);
  if (!h) throw new Error(`no sim host for ${scenario}`);
  return h;
}

function connect(h: TManifestHost, key = clientKey) {
  return connectPinned({ host: h.address, port: h.port, username: h.username, privateKey: key, hostKeyFingerprint: h.hostKeyFingerprint });
}

function forward(conn: Client, dest: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => conn.forwardOut("127.0.0.1", 40000, dest, port, (e, s) => (e ? reject(e) : resolve(s))));
}

function readReply(stream: Duplex, request: string): Promise<string> {
  return new Promise((resolve) => {
    let out = "";
    stream.on("data", (d: Buffer) => (out += d.toString("latin1")));
    stream.on("close", () => resolve(out));
    setTimeout(() => resolve(out), 500);
    stream.write(request);
  });
}

const auditable = SCENARIOS.filter((s) => s.reach === "up");

describe("demo fleet", () => {
  it("writes a manifest an app can use: every host simulated, pinned, on loopback", () => {
    const written = JSON.parse(readFileSync(fleet.manifestPath, "utf8"));
    expect(written.hosts).toHaveLength(SCENARIOS.length);
    for (const h of written.hosts) {
      expect(h).toMatchObject({ address: "127.0.0.1", simulated: true });
      expect(h.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
  });

  it.each(auditable.map((s) => s.id))("answers a discovery run on %s exactly like the capture it replays", async (id) => {
    const capture = captures.get(id)!;
    const conn = await connect(host(id));
    try {
      const isRoot = SCENARIOS.find((s) => s.id === id)!.auditUser.sudo === "root";
      const commands = DISCOVERY_COMMANDS.flatMap((c) => (c.needsRoot && !isRoot ? [c.command, asRoot(c.command)] : [c.command]));
      // Everything the capture recorded (forensics, crontabs per user) replays byte for byte too.
      for (const command of new Set([...commands, ...Object.keys(capture.commands)])) {
        const want = capture.commands[command];
        expect(want, `capture has ${command}`).toBeDefined();
        const got = await execCommand(conn, command, { timeoutMs: 5000 });
        expect(got.exitCode, command).toBe(want!.exitCode);
        expect(got.stdout.equals(outputBytes(want!)), command).toBe(true);
        expect(got.stderr.toString("utf8"), command).toBe(want!.stderr);
      }
    } finally {
      conn.end();
    }
  });

  it("answers a command it never saw like bash does", async () => {
    const conn = await connect(host("redis-open"));
    try {
      const r = await execCommand(conn, "kubectl get pods");
      expect(r.exitCode).toBe(127);
      expect(r.stderr.toString()).toBe("bash: line 1: kubectl: command not found\n");
    } finally {
      conn.end();
    }
  });

  it("refuses a changed host key, an unknown client key and a wrong user", async () => {
    await expect(connect(host("host-key-changed"))).rejects.toBeInstanceOf(HostKeyMismatchError);
    await expect(connect(host("redis-open"), generateEd25519("stranger").privateKey)).rejects.toThrow(/authentication/i);
    const h = host("redis-open");
    await expect(connect({ ...h, username: "audit" })).rejects.toThrow(/authentication/i);
  });

  it("leaves the unreachable host's port closed", async () => {
    await expect(connect(host("unreachable"))).rejects.toThrow(/ECONNREFUSED/);
  });

  // A worker killed mid-run drops its connections with a batch script half sent: the fleet must
  // shrug that off (an error thrown here once took down the whole test process) and keep serving.
  it("survives a client that vanishes halfway through sending a batch script", async () => {
    const h = host("redis-open");
    const conn = await connect(h);
    const channel = await new Promise<Duplex>((resolve, reject) => conn.exec(BATCH_BOOTSTRAP, (e, s) => (e ? reject(e) : resolve(s))));
    channel.write("N=0123456789abcdef0123456789abcdef; S=");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = new Promise<void>((resolve) => conn.on("close", () => resolve()));
    conn.destroy();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));

    const again = await connect(h);
    try {
      expect((await execCommand(again, "kubectl get pods")).exitCode).toBe(127);
    } finally {
      again.end();
    }
  });

  it("refuses the 11th session on one connection, like sshd's MaxSessions 10", async () => {
    const conn = await connect(host("nginx-http"));
    try {
      const opened: unknown[] = [];
      const results = await Promise.allSettled(
        Array.from({ length: 11 }, () => new Promise((resolve, reject) => conn.shell(false, (e, s) => (e ? reject(e) : (opened.push(s), resolve(s)))))),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
      expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    } finally {
      conn.end();
    }
  });

  it("forwards probes to stand-ins that answer like the real services", async () => {
    const redis = await connect(host("redis-open"));
    try {
      expect(await readReply(await forward(redis, "127.0.0.1", 6379), "PING\r\n")).toBe("+PONG\r\n");
      await expect(forward(redis, "127.0.0.1", 6380)).rejects.toThrow();
    } finally {
      redis.end();
    }

    const dual = await connect(host("dual-stack"));
    try {
      // [::]:8080 is IPv6-only: 127.0.0.1 refuses, ::1 answers with nginx's real response.
      await expect(forward(dual, "127.0.0.1", 8080)).rejects.toThrow();
      const reply = await readReply(await forward(dual, "::1", 8080), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      expect(reply).toMatch(/^HTTP\/1\.1 403 Forbidden\r\nServer: nginx\/1\.22\.1/);
    } finally {
      dual.end();
    }

    const web = await connect(host("nginx-tls"));
    try {
      const raw = await forward(web, "127.0.0.1", 443);
      const cert = await new Promise<string>((resolve, reject) => {
        const s = tls.connect({ socket: raw, rejectUnauthorized: false }, () => {
          resolve(s.getPeerX509Certificate()?.subject ?? "");
          s.destroy();
        });
        s.on("error", reject);
      });
      const snakeoil = captures.get("nginx-tls")!.standIns.find((x) => x.port === 443)!.tls!.certPem;
      expect(cert).toBe(new (await import("node:crypto")).X509Certificate(snakeoil).subject);
    } finally {
      web.end();
    }
  });
});
