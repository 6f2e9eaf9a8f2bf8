import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { currentBaseline } from "../drift/record-drift";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";
import { loadInventory } from "./load-inventory";
import { writeBaseline } from "./write-baseline";

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
    const baseline = await writeBaseline(tx, { supersedes: current, hostId: hostRun.hostId, hostRunId, items, approvedById: actor.id, note });
    await writeAudit(tx, { actorId: actor.id, action: "baseline.approve", target: `baseline:${baseline.id}`, details: { hostId: hostRun.hostId, hostRunId, items: items.length, supersedes: current?.id ?? null } });
    return baseline;
  });
}
