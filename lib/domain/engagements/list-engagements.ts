import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

export async function listEngagements({ actor, includeArchived = false }: { actor: TActor; includeArchived?: boolean }) {
  assertCan(actor, "engagement.read");
  return db().engagement.findMany({
    where: { ...engagementScope(actor), ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { updatedAt: "desc" }],
    select: {
      id: true,
      name: true,
      status: true,
      startsOn: true,
      endsOn: true,
      archivedAt: true,
      client: { select: { id: true, name: true } },
      _count: { select: { hosts: { where: { archivedAt: null } } } },
    },
  });
}
