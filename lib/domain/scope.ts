import type { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan, type TPermission } from "@/lib/server/permissions";
import type { TActor } from "./actor";

// The where-builder every engagement-scoped query starts from. Admins see
// every engagement; everyone else only those they are a member of.
export function engagementScope(actor: TActor): Prisma.EngagementWhereInput {
  return actor.role === "ADMIN" ? {} : { members: { some: { userId: actor.id } } };
}

// Loads an engagement the actor may see, or NOT_FOUND exactly as if it did
// not exist; only then checks what the actor's role may do in it.
export async function loadEngagement(tx: TTx, actor: TActor, engagementId: string, permission: TPermission) {
  const engagement = await tx.engagement.findFirst({ where: { id: engagementId, ...engagementScope(actor) } });
  if (!engagement) throw notFound("Engagement not found");
  assertCan(actor, permission);
  return engagement;
}

// Same for a host: visible only through an engagement the actor can see.
export async function loadHost(tx: TTx, actor: TActor, hostId: string, permission: TPermission) {
  const host = await tx.host.findFirst({ where: { id: hostId, engagement: engagementScope(actor) } });
  if (!host) throw notFound("Host not found");
  assertCan(actor, permission);
  return host;
}
