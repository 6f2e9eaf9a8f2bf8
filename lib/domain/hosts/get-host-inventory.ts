import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadHost } from "../scope";

// A host's latest completed inventory, and its recent attempts for context.
export async function getHostInventory({ actor, hostId }: { actor: TActor; hostId: string }) {
  const host = await loadHost(db(), actor, hostId, "host.read");
  assertCan(actor, "run.read");
  const [latest, recent] = await Promise.all([
    db().hostRun.findFirst({
      where: { hostId, status: "DONE" },
      orderBy: { finishedAt: "desc" },
      include: {
        listeners: { orderBy: [{ bindScope: "asc" }, { port: "asc" }, { proto: "asc" }] },
        services: { orderBy: { unit: "asc" } },
        containers: { orderBy: { containerId: "asc" } },
        cronJobs: { orderBy: [{ source: "asc" }, { schedule: "asc" }] },
        timers: { orderBy: { unit: "asc" } },
        firewallRules: { orderBy: [{ tool: "asc" }, { chain: "asc" }] },
        evidence: { select: { id: true, key: true, command: true }, orderBy: { startedAt: "asc" } },
      },
    }),
    db().hostRun.findMany({
      where: { hostId },
      orderBy: { run: { createdAt: "desc" } },
      take: 5,
      select: { id: true, runId: true, status: true, finishedAt: true, durationMs: true, failureReason: true, error: true },
    }),
  ]);
  return { host, latest, recent };
}

export type THostInventory = Awaited<ReturnType<typeof getHostInventory>>;
