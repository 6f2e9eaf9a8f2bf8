import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";

export async function listClients({ actor, includeArchived = false }: { actor: TActor; includeArchived?: boolean }) {
  assertCan(actor, "client.read");
  return db().client.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: { name: "asc" },
    include: { _count: { select: { engagements: true } } },
  });
}
