import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startSimFleet, type TSimFleet } from "@/scripts/lab/sim/fleet";
import { db } from "@/lib/server/db";
import { seedFleetEngagement } from "./seed-fleet-engagement";
import { testFleetBasePort } from "./fleet-port";

// A demo fleet (real ssh2 servers replaying lab captures on 127.0.0.1) and an
// engagement pointing at it, for tests of the whole run pipeline without root.
export async function simEngagement({ hosts, pin = true }: { hosts: number; pin?: boolean | ((label: string) => boolean) }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-sim-test-"));
  const fleet: TSimFleet = await startSimFleet({ hosts, dir, basePort: testFleetBasePort(hosts) });
  const privateKey = await fs.readFile(fleet.manifest.clientKeyPath, "utf8");
  const shouldPin = typeof pin === "function" ? pin : () => pin;
  const seeded = await seedFleetEngagement(
    fleet.manifest.hosts.map((h) => ({ ...h, hostKeyFingerprint: shouldPin(h.label) ? h.hostKeyFingerprint : null })),
    privateKey,
  );
  return {
    ...seeded,
    manifest: fleet.manifest,
    async close() {
      await fleet.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

// The default stays under the 30 s test timeout, so a run that never ends
// fails with its hosts' states instead of a bare "test timed out".
export async function waitForRunEnd(runId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    if (run.finishedAt) return run;
    if (Date.now() > deadline) {
      const hosts = await db().hostRun.groupBy({ by: ["status"], where: { runId }, _count: true });
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms; hosts: ${hosts.map((h) => `${h.status} ${h._count}`).join(", ")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
