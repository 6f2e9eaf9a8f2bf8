import type { TTx } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan, type TPermission } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// An OPEN drift item the actor can see and may decide on; another engagement's id is
// NOT_FOUND like a missing one.
export async function loadOpenDriftItem(tx: TTx, actor: TActor, driftItemId: string, permission: TPermission) {
  const item = await tx.driftItem.findFirst({ where: { id: driftItemId, engagement: engagementScope(actor) }, include: { host: { select: { id: true, label: true } } } });
  if (!item) throw notFound("Drift item not found");
  assertCan(actor, permission);
  if (item.status !== "OPEN") throw new AppError("CONFLICT", `The drift item is already ${item.status.toLowerCase()}. Nothing was changed.`);
  return item;
}
