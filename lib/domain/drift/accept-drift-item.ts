import { applyDrift } from "@/lib/audit/drift/diff";
import type { TInventoryItem } from "@/lib/audit/drift/inventory";
import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { writeBaseline } from "../baselines/write-baseline";
import { inTransaction } from "../transaction";
import { loadOpenDriftItem } from "./load-drift-item";
import { currentBaseline } from "./record-drift";

// A reviewer accepts a difference as the new normal: a new baseline version, superseding the
// current one, with the item taken in (new or changed as it is now, gone removed). Open items
// of the same difference from other runs are accepted with it.
export async function acceptDriftItem({ actor, driftItemId }: { actor: TActor; driftItemId: string }) {
  return inTransaction(async (tx) => {
    const item = await loadOpenDriftItem(tx, actor, driftItemId, "drift.accept");
    const current = await currentBaseline(tx, item.hostId);
    if (!current) throw new AppError("CONFLICT", "The host has no baseline to accept this into. Nothing was changed.");
    const items = applyDrift(current.items as TInventoryItem[], { kind: item.kind, key: item.key, change: item.change, after: item.after as TInventoryItem | null });
    const baseline = await writeBaseline(tx, { supersedes: current, hostId: item.hostId, hostRunId: current.hostRunId, items, approvedById: actor.id, note: `Accepted drift: ${item.change.toLowerCase()} ${item.summary}` });
    const at = baseline.approvedAt;
    const same = await tx.driftItem.updateMany({
      where: { hostId: item.hostId, kind: item.kind, key: item.key, change: item.change, status: "OPEN" },
      data: { status: "ACCEPTED", decidedById: actor.id, decidedAt: at },
    });
    await writeAudit(tx, { actorId: actor.id, action: "drift.accept", target: `drift-item:${item.id}`, details: { hostId: item.hostId, key: item.key, change: item.change, baselineId: baseline.id, supersedes: current.id, items: same.count } });
    return baseline;
  });
}
