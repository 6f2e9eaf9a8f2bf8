// `npm run lab -- sim`: serve the demo fleet until interrupted.
import { startSimFleet } from "./fleet";

export async function runSimCli(opts: { hosts: number; dir?: string; basePort: number }): Promise<number> {
  const t0 = performance.now();
  const fleet = await startSimFleet(opts);
  const ms = performance.now() - t0;
  const live = fleet.manifest.hosts.filter((h) => h.expected.outcome !== "unreachable").length;
  console.log(`demo fleet: ${live} simulated host(s) on 127.0.0.1 in ${ms.toFixed(0)} ms`);
  console.log(`manifest: ${fleet.manifestPath}`);
  console.log(`client key: ${fleet.manifest.clientKeyPath}`);
  for (const h of fleet.manifest.hosts.slice(0, 20)) {
    console.log(`  ${h.label.padEnd(26)} 127.0.0.1:${h.port}  user=${h.username}  ${h.hostKeyFingerprint}`);
  }
  if (fleet.manifest.hosts.length > 20) console.log(`  ... and ${fleet.manifest.hosts.length - 20} more`);
  console.log("Ctrl-C to stop");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await fleet.close();
  return 0;
}
