import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { currentBaseline } from "../drift/record-drift";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";
import { loadInventory } from "./load-inventory";

// A reviewer approves what one finished host run saw as the host's baseline: later runs are
// compared with it. The previous baseline is superseded, never changed.
export async function approveBaseline({ actor, hostRunId, note = "" }: { actor: TActor; hostRunId: string; note?: string }) {
  return inTransaction(async (tx) => {
    const hostRun = await tx.hostRun.findFirst({ where: { id: hostRunId, host: { engagement: engagementScope(actor) } }, include: { host: { select: { id: true, label: true } } } });
    if (!hostRun) throw notFound("Host run not found");
    assertCan(actor, "baseline.approve");
    if (hostRun.status !== "DONE") throw new AppError("VALIDATION", `Only a host run that finished can be a baseline; this one is ${hostRun.status.toLowerCase()}. Nothing was changed.`);
    const current = await currentBaseline(tx, hostRun.hostId);
    if (current?.hostRunId === hostRunId) throw new AppError("CONFLICT", "This host run is already the host's baseline. Nothing was changed.");
    const items = await loadInventory(tx, hostRunId);
    const at = new Date();
    if (current) await tx.baseline.update({ where: { id: current.id }, data: { supersededAt: at } });
    const baseline = await tx.baseline.create({ data: { hostId: hostRun.hostId, hostRunId, items: items as unknown as Prisma.InputJsonValue, approvedById: actor.id, approvedAt: at, note: note.slice(0, 2000) } });
    await writeAudit(tx, { actorId: actor.id, action: "baseline.approve", target: `baseline:${baseline.id}`, details: { hostId: hostRun.hostId, hostRunId, items: items.length, supersedes: current?.id ?? null } });
    return baseline;
  });
}
