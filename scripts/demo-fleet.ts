import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { DEMO_ENGAGEMENT, seedDemo, type TDemoAccount } from "@/prisma/seed-demo";
import { startSimFleet } from "./lab/sim/fleet";

export type TRunningDemo = { accounts: TDemoAccount[]; hostCount: number; engagementName: string; close: () => Promise<void> };

// The embedded default's demo: simulated SSH hosts replaying the lab's
// captures on 127.0.0.1, and the demo engagement pointed at them, so a
// newcomer can run an audit a minute after `npm start`.
export async function startDemoFleet({ dataDir, log }: { dataDir: string; log: (line: string) => void }): Promise<TRunningDemo> {
  const fleet = env.PALISADE_DEMO_HOSTS
    ? await startSimFleet({ hosts: env.PALISADE_DEMO_HOSTS, dir: path.join(dataDir, "sim"), basePort: env.PALISADE_DEMO_BASE_PORT })
    : null;
  try {
    const clientPrivateKey = fleet ? await fs.readFile(fleet.manifest.clientKeyPath, "utf8") : null;
    const accounts = await seedDemo(db(), {
      dataDir,
      fleet: fleet && clientPrivateKey ? { clientPrivateKey, hosts: fleet.manifest.hosts.map((h) => ({ ...h, exposure: "INTERNET" as const })) } : undefined,
    });
    if (fleet) log(`Demo fleet listening on 127.0.0.1:${env.PALISADE_DEMO_BASE_PORT}-${env.PALISADE_DEMO_BASE_PORT + fleet.manifest.hosts.length - 1}`);
    return { accounts, hostCount: fleet?.manifest.hosts.length ?? 0, engagementName: DEMO_ENGAGEMENT, close: async () => fleet?.close() };
  } catch (error) {
    await fleet?.close();
    throw error;
  }
}
