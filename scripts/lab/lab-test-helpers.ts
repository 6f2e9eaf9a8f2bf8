import type { TAuditTarget } from "@/lib/audit/audit-types";
import { connectPinned, execCommand } from "@/lib/audit/ssh/exec";
import { sleep } from "./machine";
import { scenarioById } from "./scenarios";
import { listenerProblems } from "./scenarios/check";
import type { THostState } from "./state";

// The lab's ground truth writes IPv6 the way ss prints it ("[::]"); facts carry it bare.
export const bareAddress = (address: string) => address.replace(/^\[(.*)\]$/, "$1");
export { isLoopbackAddress } from "@/lib/audit/loopback";

// A lab host as the audit engine's target: the lab's client key, its recorded host key pinned.
export const labAuditTarget = (h: Pick<THostState, "address" | "port" | "username" | "hostKeyFingerprint">, privateKey: string): TAuditTarget => ({
  address: h.address,
  port: h.port,
  username: h.username,
  auth: { kind: "key", privateKey },
  pinnedFingerprint: h.hostKeyFingerprint,
});

// Boot being complete is not every listener being up: a @reboot cron job may start a moment
// later. Wait (bounded) until each machine shows what its scenario says.
export async function waitForScenarios(hosts: THostState[], clientKey: string) {
  await Promise.all(
    hosts.map(async (host) => {
      const scenario = scenarioById(host.scenario)!;
      const conn = await connectPinned({ host: host.address, port: host.port, username: host.username, privateKey: clientKey, hostKeyFingerprint: host.hostKeyFingerprint });
      try {
        let problems: string[] = [];
        for (let i = 0; i < 40; i++) {
          const tcp = await execCommand(conn, "ss -H -tlnp", { timeoutMs: 10_000 });
          const udp = await execCommand(conn, "ss -H -ulnp", { timeoutMs: 10_000 });
          problems = listenerProblems(scenario, tcp.stdout.toString(), udp.stdout.toString());
          if (problems.length === 0) return;
          await sleep(250);
        }
        throw new Error(`${host.name} never matched its scenario: ${problems.join("; ")}`);
      } finally {
        conn.end();
      }
    }),
  );
}
