// Brings up 3 real lab machines, audits them over SSH with pinned host keys, tears them down,
// and checks that nothing is left behind. Needs root and systemd-nspawn; skips (saying why)
// without them.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectPinned, execCommand, HostKeyMismatchError } from "../../lib/audit/ssh/exec";
import { cgroupHierarchies } from "./cgroup";
import { BRIDGE, labPaths } from "./config";
import { labDown, labUp } from "./lab";
import { findMachinesUnder } from "./machine";
import { listLabNetns } from "./net";
import { run } from "./run";
import { scenarioById } from "./scenarios";
import { serviceProblems } from "./scenarios/check";
import { type TLabState } from "./state";
import { waitForScenarios } from "./lab-test-helpers";
import { labTestSkipReason } from "./test-skip-reason";

const paths = labPaths();
const skipReason = await labTestSkipReason("lab integration test", paths);

const LIST_UNITS = "systemctl list-units --type=service --state=running --no-pager --plain";

describe.skipIf(skipReason !== "")("lab (real machines)", () => {
  let state: TLabState | undefined;

  afterAll(async () => {
    if (state) await labDown({ paths }).catch(() => {});
  }, 120_000);

  it(
    "brings up 3 hosts that match their scenarios over pinned SSH, and tears down leaving nothing",
    async () => {
      const up = await labUp({ hosts: 3, paths });
      state = up.state;
      const clientKey = readFileSync(paths.clientKey, "utf8");
      expect(state.hosts).toHaveLength(3);

      // Every machine shows its scenario's listeners (throws naming the host that never does).
      await waitForScenarios(state.hosts, clientKey);
      for (const host of state.hosts) {
        const scenario = scenarioById(host.scenario)!;
        const conn = await connectPinned({ host: host.address, port: host.port, username: host.username, privateKey: clientKey, hostKeyFingerprint: host.hostKeyFingerprint });
        try {
          const units = await execCommand(conn, LIST_UNITS, { timeoutMs: 10_000 });
          expect(units.exitCode).toBe(0);
          expect(serviceProblems(scenario, units.stdout.toString()), host.name).toEqual([]);
          // Real systemd: a service's processes sit in its own cgroup.
          for (const unit of scenario.expected.services) {
            const pid = (await execCommand(conn, `systemctl show -p MainPID --value ${unit}`)).stdout.toString().trim();
            const cg = (await execCommand(conn, `cat /proc/${pid}/cgroup`)).stdout.toString();
            expect(cg).toMatch(new RegExp(`^0::.*/system\\.slice/${unit.replace(/[.@]/g, "\\$&")}$`, "m"));
          }
        } finally {
          conn.end();
        }
      }

      // A wrong pin is refused before any command runs.
      const first = state.hosts[0]!;
      await expect(
        connectPinned({
          host: first.address,
          port: first.port,
          username: first.username,
          privateKey: clientKey,
          hostKeyFingerprint: state.hosts[1]!.hostKeyFingerprint,
        }),
      ).rejects.toBeInstanceOf(HostKeyMismatchError);

      const pids = state.hosts.map((h) => h.pid!).filter(Boolean);
      const down = await labDown({ paths });
      state = undefined;
      expect(down.leftovers).toEqual([]);
      expect(await listLabNetns()).toEqual([]);
      expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(paths.state);
      expect(findMachinesUnder(path.join(paths.state, "hosts"))).toEqual([]);
      for (const pid of pids) expect(existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("nspawn")).toBe(false);
      expect((await run("ip", ["link", "show", "dev", BRIDGE])).code).not.toBe(0);
      for (const h of cgroupHierarchies()) expect(existsSync(path.join(h, "palisade-lab"))).toBe(false);
      expect(existsSync(paths.stateFile)).toBe(false);
    },
    15 * 60_000, // the first run on a machine builds the image (debootstrap, a minute or two)
  );
});
