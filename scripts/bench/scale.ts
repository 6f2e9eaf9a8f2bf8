// `npm run bench -- scale --hosts 1000`: the demo fleet (in a separate
// process) audited by one worker through discovery, forensics and
// persistence. Loopback only.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TManifest } from "../lab/state";
import { startBenchDatabase } from "./bench-database";
import { measureRun } from "./measure-run";
import { seedFleetEngagement } from "@/lib/testing/seed-fleet-engagement";

async function startFleetProcess(hosts: number, dir: string, basePort: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lab/cli.ts", "sim", "--hosts", String(hosts), "--dir", dir, "--base-port", String(basePort)], { stdio: ["ignore", "pipe", "inherit"] });
  const manifestPath = path.join(dir, "manifest.json");
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`demo fleet exited (${code})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ctrl-C to stop")) resolve();
    });
  });
  return { manifest: JSON.parse(await fs.readFile(manifestPath, "utf8")) as TManifest, stop: () => child.kill("SIGTERM") };
}

// Two of the lab's 13 scenarios are built to fail (unreachable, changed key):
// they are fault cases, not load, so the fleet is sized to yield `hosts`
// auditable ones.
export async function benchScale({ hosts, concurrency, probes }: { hosts: number; concurrency: number; probes: boolean }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-bench-fleet-"));
  const database = await startBenchDatabase();
  const fleet = await startFleetProcess(Math.ceil((hosts * 13) / 11) + 13, dir, 20_000);
  try {
    const healthy = fleet.manifest.hosts.filter((h) => h.expected.outcome === "audited").slice(0, hosts);
    const privateKey = await fs.readFile(fleet.manifest.clientKeyPath, "utf8");
    const { actor, engagementId } = await seedFleetEngagement(healthy, privateKey);
    const result = await measureRun({ actor, engagementId, concurrency, probes });
    return { bench: "scale", concurrency, probes, ...result };
  } finally {
    fleet.stop();
    await database.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
