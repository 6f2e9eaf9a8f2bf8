import { db } from "@/lib/server/db";
import { DEMO_ENGAGEMENT, seedDemo, type TDemoAccount, type TDemoFleet } from "@/prisma/seed-demo";

export type TRunningDemo = { accounts: TDemoAccount[]; hostCount: number; engagementName: string; close: () => Promise<void> };

// Seeds the demo data. The simulated SSH fleet is attached once the lab's
// `startSimFleet` exists (scripts/lab/sim/fleet.ts); until then the demo
// engagement has no hosts.
export async function startDemoFleet({ dataDir }: { dataDir: string; log: (line: string) => void }): Promise<TRunningDemo> {
  const fleet: TDemoFleet | undefined = undefined;
  const accounts = await seedDemo(db(), { dataDir, fleet });
  return { accounts, hostCount: 0, engagementName: DEMO_ENGAGEMENT, close: async () => undefined };
}
