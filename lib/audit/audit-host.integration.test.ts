// auditHost against real lab machines (systemd-nspawn, real sshd and services): who owns each
// exposed port must match the scenario's ground truth. Needs root and systemd-nspawn; skips,
// saying why, without them or when a lab is already up (it is someone else's).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { labPaths } from "../../scripts/lab/config";
import { labDown, labUp } from "../../scripts/lab/lab";
import { sleep } from "../../scripts/lab/machine";
import { scenarioById } from "../../scripts/lab/scenarios";
import { COMMON_LISTENERS } from "../../scripts/lab/scenarios/types";
import { type THostState, type TLabState } from "../../scripts/lab/state";
import { auditHost } from "./audit-host";
import type { THostAuditResult } from "./audit-types";
import { labTestSkipReason } from "@/scripts/lab/test-skip-reason";
import { labAuditTarget, bareAddress, isLoopbackAddress } from "@/scripts/lab/lab-test-helpers";

const HOSTS = Number(process.env.PALISADE_LAB_AUDIT_HOSTS ?? 4);
const paths = labPaths();
const skipReason = await labTestSkipReason("audit engine lab test", paths);


describe.skipIf(skipReason !== "")("auditHost on real lab machines", () => {
  let state: TLabState | undefined;
  let clientKey = "";
  const target = (h: THostState) => labAuditTarget(h, clientKey);

  afterAll(async () => {
    if (state) await labDown({ paths }).catch(() => {});
  }, 180_000);

  it(
    `audits ${HOSTS} real hosts and names each exposed port's owner as the scenario says`,
    async () => {
      state = (await labUp({ hosts: HOSTS, paths })).state;
      clientKey = readFileSync(paths.clientKey, "utf8");
      const timings: number[] = [];
      for (const host of state.hosts.filter((h) => h.reach === "up")) {
        const scenario = scenarioById(host.scenario)!;
        const wanted = [...COMMON_LISTENERS, ...scenario.expected.listeners].filter((l) => !isLoopbackAddress(l.address));
        // A @reboot cron job may start a moment after boot is reported complete.
        let result: THostAuditResult | undefined;
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          result = await auditHost(target(host));
          timings.push(performance.now() - t0);
          if (result.ok && wanted.every((w) => result!.ok && result!.facts.owners.some((o) => o.port === w.port && o.address === bareAddress(w.address)))) break;
          await sleep(250);
        }
        if (!result?.ok) throw new Error(`${host.name}: ${result?.reason}: ${result?.message}`);
        const { facts } = result;
        const blind = scenario.auditUser.sudo === "none";
        for (const want of wanted) {
          const owner = facts.owners.find((o) => o.proto === want.proto && o.port === want.port && o.address === bareAddress(want.address));
          expect(owner, `${host.name} ${want.proto} ${want.address}:${want.port}`).toBeDefined();
          if (blind) {
            // Not root, no sudo: the owner is unknown and the audit says so instead of guessing.
            expect(owner).toMatchObject({ pid: null, processName: null });
            expect(owner!.hidden.join(" ")).toMatch(/not root and sudo -n refused/);
          } else {
            expect(owner, `${host.name} ${want.port}`).toMatchObject({ processName: want.process, user: want.user, systemdUnit: want.unit ?? null });
          }
        }
        for (const f of scenario.expected.findings.filter((x) => !isLoopbackAddress(x.bind) && !blind)) {
          const owner = facts.owners.find((o) => o.proto === f.proto && o.port === f.port && o.address === bareAddress(f.bind))!;
          if (f.owner.exe) expect(owner.exe, `${host.name} exe of ${f.port}`).toBe(f.owner.exe);
          if (f.owner.cwd) expect(owner.cwd, `${host.name} cwd of ${f.port}`).toBe(f.owner.cwd);
          if (f.owner.unit) expect(owner.systemdUnit, `${host.name} unit of ${f.port}`).toBe(f.owner.unit);
        }
        // Loopback-only listeners are inventoried but get no owner record.
        expect(facts.owners.some((o) => isLoopbackAddress(o.address))).toBe(false);
        const keys = result.evidence.map((e) => e.key);
        expect(new Set(keys).size).toBe(keys.length);
      }
      for (const host of state.hosts.filter((h) => h.reach !== "up")) {
        const r = await auditHost(target(host), { limits: { connectTimeoutMs: 5000 } });
        expect(r, host.name).toMatchObject({ ok: false, reason: host.reach === "unreachable" ? "unreachable" : "host-key-changed" });
      }
      const sorted = [...timings].sort((a, b) => a - b);
      console.log(`lab audit per host: p50 ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${Math.round(sorted[sorted.length - 1]!)} ms over ${sorted.length} audits`);

      // A command timeout far below a round trip: every command is cut off, the host still
      // finishes promptly, and each cut-off command says so.
      const h = state.hosts.find((x) => x.reach === "up")!;
      const t0 = Date.now();
      const cut = await auditHost(target(h), { limits: { commandTimeoutMs: 1, hostTimeoutMs: 30_000 } });
      expect(Date.now() - t0).toBeLessThan(30_000);
      const timedOut = cut.evidence.filter((e) => e.exitCode === null).length;
      console.log(`commandTimeoutMs 1: ${cut.ok ? "ok" : cut.reason}, ${timedOut}/${cut.evidence.length} commands cut off, ${Date.now() - t0} ms`);
      if (cut.ok) {
        expect(cut.facts.hidden.some((x) => /no answer within 1 ms \(command timed out/.test(x))).toBe(true);
        expect(cut.evidence.some((e) => e.exitCode === null)).toBe(true);
      } else {
        expect(cut.reason).toBe("timeout");
      }
      // And the host is fine afterwards.
      expect((await auditHost(target(h))).ok).toBe(true);
    },
    15 * 60_000,
  );
});
