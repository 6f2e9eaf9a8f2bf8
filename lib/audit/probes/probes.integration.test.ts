// Probes against real lab machines (systemd-nspawn, real sshd, redis, nginx, memcached, node):
// the same answers as on the demo fleet, from the real services, and "unavailable" once sshd
// stops forwarding. Needs root and systemd-nspawn; skips, saying why, without them or when a lab
// is already up (it is someone else's).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { labPaths } from "../../../scripts/lab/config";
import { labDown, labUp } from "../../../scripts/lab/lab";
import { sleep } from "../../../scripts/lab/machine";
import { type THostState, type TLabState } from "../../../scripts/lab/state";
import { auditHost } from "../audit-host";
import type { THostAuditResult } from "../audit-types";
import { connectPinned, execCommand } from "../ssh/exec";
import { labTestSkipReason } from "@/scripts/lab/test-skip-reason";
import { labAuditTarget } from "@/scripts/lab/lab-test-helpers";

// The first eight scenarios: redis-open, cron-http-server, nginx-http, nginx-tls, localhost-only,
// dual-stack, udp-memcached, node-debug.
const HOSTS = 8;
const paths = labPaths();
const skipReason = await labTestSkipReason("probe lab test", paths);

type TOk = Extract<THostAuditResult, { ok: true }>;

describe.skipIf(skipReason !== "")("probes on real lab machines", () => {
  let state: TLabState | undefined;
  let clientKey = "";
  const target = (h: THostState) => labAuditTarget(h, clientKey);
  const host = (scenario: string) => state!.hosts.find((h) => h.scenario === scenario)!;
  const results = new Map<string, TOk>();
  const probeTimes: number[] = [];

  async function audit(h: THostState): Promise<TOk> {
    let probingFrom = 0;
    const r = await auditHost(target(h), { onStage: (s) => (probingFrom = s === "probing" ? performance.now() : probingFrom) });
    if (!r.ok) throw new Error(`${h.name}: ${r.reason}: ${r.message}`);
    probeTimes.push(performance.now() - probingFrom);
    return r;
  }

  // sshd re-executes itself on reload: for a moment nothing listens on port 22.
  async function auditAfterReload(h: THostState): Promise<TOk> {
    for (let i = 0; ; i++) {
      const r = await auditHost(target(h));
      if (r.ok) return r;
      if (i > 40 || (r.reason !== "unreachable" && r.reason !== "connection-lost")) throw new Error(`${h.name}: ${r.reason}: ${r.message}`);
      await sleep(250);
    }
  }

  afterAll(async () => {
    if (state) await labDown({ paths }).catch(() => {});
  }, 180_000);

  it(
    "identifies the real services through the SSH connection",
    async () => {
      state = (await labUp({ hosts: HOSTS, paths })).state;
      clientKey = readFileSync(paths.clientKey, "utf8");
      for (const h of state.hosts.filter((x) => x.reach === "up")) {
        // Services may still be starting just after boot: ask again until the expected ones answer.
        for (let i = 0; i < 40; i++) {
          const r = await audit(h);
          results.set(h.scenario, r);
          if (r.probes.every((p) => p.protocol !== "unknown")) break;
          await sleep(250);
        }
      }
      const probe = (scenario: string, address: string, port: number) => results.get(scenario)!.probes.find((p) => p.address === address && p.port === port);

      expect(probe("redis-open", "0.0.0.0", 6379)).toMatchObject({ via: "forwarded", protocol: "redis", authRequired: false, tls: null, details: { version: expect.stringMatching(/^\d+\.\d+/) } });
      for (const address of ["0.0.0.0", "::"]) {
        const tls = probe("nginx-tls", address, 443);
        expect(tls?.tls).toMatchObject({ subject: expect.stringContaining("CN="), issuer: expect.stringContaining("CN="), selfSigned: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
        expect(tls).toMatchObject({ protocol: "http", http: { status: expect.any(Number), server: expect.stringMatching(/^nginx/) } });
        expect(probe("nginx-http", address, 80)).toMatchObject({ protocol: "http", tls: null, http: { status: 200, server: expect.stringMatching(/^nginx/) } });
      }
      expect(probe("node-debug", "0.0.0.0", 9229)).toMatchObject({ protocol: "inspector", authRequired: false, details: { browser: expect.stringMatching(/^node\.js\//) } });
      expect(results.get("node-debug")!.probes.some((p) => p.port === 3000)).toBe(false);
      expect(results.get("udp-memcached")!.probes.filter((p) => p.port === 11211)).toEqual([expect.objectContaining({ proto: "tcp", protocol: "memcached", authRequired: false })]);
      expect(probe("dual-stack", "::", 8080)).toMatchObject({ protocol: "http", details: { probedAt: "[::1]:8080" } });
      expect(probe("cron-http-server", "0.0.0.0", 8000)).toMatchObject({ protocol: "http", authRequired: false, http: { status: 200 } });
      expect(results.get("localhost-only")!.probes.map((p) => p.port)).toEqual([22, 22]);
      for (const [scenario, r] of results) {
        // The real sshd greets (the demo fleet's stand-in does not).
        for (const p of r.probes.filter((x) => x.port === 22)) expect(p, scenario).toMatchObject({ protocol: "ssh", banner: expect.stringMatching(/^SSH-2\.0-OpenSSH_/) });
        for (const p of r.probes) {
          const ev = r.evidence.find((e) => e.key === p.evidence[0])!;
          expect(ev.sha256, `${scenario} ${p.port}`).toMatch(/^[0-9a-f]{64}$/);
          expect(ev.outcome, `${scenario} ${p.port}`).toBe("ok");
        }
      }
      const sorted = [...probeTimes].sort((a, b) => a - b);
      console.log(`lab probing per host: p50 ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${Math.round(sorted[sorted.length - 1]!)} ms over ${sorted.length} audits`);
    },
    15 * 60_000,
  );

  it(
    "says forwarding is unavailable when sshd refuses it, and still audits the host",
    async () => {
      const h = host("nginx-http");
      const client = await connectPinned({ host: h.address, port: h.port, username: h.username, privateKey: clientKey, hostKeyFingerprint: h.hostKeyFingerprint });
      const dropIn = "/etc/ssh/sshd_config.d/00-palisade-probe-test.conf";
      try {
        const off = await execCommand(client, `printf 'AllowTcpForwarding no\\n' > ${dropIn} && systemctl reload ssh`);
        expect(off.exitCode, off.stderr.toString()).toBe(0);
        const r = await auditAfterReload(h);
        expect(r.facts.owners.some((o) => o.port === 80)).toBe(true);
        expect(r.probes.length).toBeGreaterThan(0);
        for (const p of r.probes) {
          expect(p).toMatchObject({ via: "unavailable", protocol: "unknown", authRequired: null });
          expect(p.error).toMatch(/administratively prohibited/);
        }
      } finally {
        await execCommand(client, `rm -f ${dropIn} && systemctl reload ssh`);
        client.end();
      }
      const back = await auditAfterReload(h);
      expect(back.probes.find((p) => p.port === 80)).toMatchObject({ via: "forwarded", protocol: "http" });
    },
    120_000,
  );
});
