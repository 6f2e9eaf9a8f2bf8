import { snapshotInventory, type TInventoryItem } from "@/lib/audit/drift/inventory";
import type { TTx } from "@/lib/server/db";

// One host run's stored facts as inventory items (the engine's stable keys), read inside the
// caller's transaction: the worker calls it right after writing them.
export async function loadInventory(tx: TTx, hostRunId: string): Promise<TInventoryItem[]> {
  const where = { hostRunId };
  const [listeners, services, containers, cronJobs, timers] = await Promise.all([
    tx.listener.findMany({ where, select: { proto: true, address: true, port: true, exe: true, processName: true, user: true, systemdUnit: true, containerId: true, evidenceKeys: true }, orderBy: { id: "asc" } }),
    tx.service.findMany({ where, select: { unit: true, description: true, evidenceKeys: true }, orderBy: { id: "asc" } }),
    tx.container.findMany({ where, select: { runtime: true, containerId: true, image: true, names: true, ports: true, evidenceKeys: true }, orderBy: { id: "asc" } }),
    tx.cronJob.findMany({ where, select: { source: true, schedule: true, user: true, command: true, evidenceKeys: true }, orderBy: { id: "asc" } }),
    tx.timer.findMany({ where, select: { unit: true, activates: true, evidenceKeys: true }, orderBy: { id: "asc" } }),
  ]);
  return snapshotInventory({ hostRunId, listeners, services, containers, cronJobs, timers });
}
