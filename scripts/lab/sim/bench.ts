// Measures the demo fleet from a separate client process (a benchmark, not a test):
//   npm run lab -- sim --hosts 1000 --dir /tmp/sim1000 &
//   npx tsx scripts/lab/sim/bench.ts --manifest /tmp/sim1000/manifest.json [--concurrency 50] [--discovery]
// Bounded: every host once, then it exits. Loopback only.
import { readFileSync } from "node:fs";
import { DISCOVERY_COMMANDS } from "../../../lib/audit/command-set";
import { connectPinned, execCommand } from "../../../lib/audit/ssh/exec";
import type { TManifest } from "../state";

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1]!;
};
const manifest = JSON.parse(readFileSync(arg("--manifest", ".data/sim/manifest.json"), "utf8")) as TManifest;
const concurrency = Number(arg("--concurrency", "50"));
const discovery = args.includes("--discovery");
const key = readFileSync(manifest.clientKeyPath, "utf8");
const hosts = manifest.hosts.filter((h) => h.expected.outcome === "audited");
if (hosts.some((h) => h.address !== "127.0.0.1")) throw new Error("bench targets loopback hosts only");

let next = 0;
let ok = 0;
let failed = 0;
let execs = 0;
const t0 = performance.now();
async function worker() {
  while (next < hosts.length) {
    const h = hosts[next++]!;
    try {
      const conn = await connectPinned({ host: h.address, port: h.port, username: h.username, privateKey: key, hostKeyFingerprint: h.hostKeyFingerprint });
      const commands = discovery ? DISCOVERY_COMMANDS.map((c) => c.command) : ["hostname"];
      // Up to 8 channels at once, below sshd's MaxSessions 10.
      for (let i = 0; i < commands.length; i += 8) {
        await Promise.all(commands.slice(i, i + 8).map((c) => execCommand(conn, c, { timeoutMs: 10_000 })));
        execs += Math.min(8, commands.length - i);
      }
      conn.end();
      ok++;
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`${h.label}: ${(e as Error).message}`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const s = (performance.now() - t0) / 1000;
console.log(
  `${ok} hosts (${failed} failed), ${execs} execs in ${s.toFixed(2)} s: ${(ok / s).toFixed(0)} hosts/s, ${(execs / s).toFixed(0)} execs/s (concurrency ${concurrency}, ${discovery ? "full discovery" : "one command"} per host)`,
);
