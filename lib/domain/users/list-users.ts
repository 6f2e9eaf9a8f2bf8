import { db } from "@/lib/server/db";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";

export async function listUsers({ actor }: { actor: TActor }) {
  assertCan(actor, "user.manage");
  return db().user.findMany({ orderBy: [{ disabled: "asc" }, { name: "asc" }], include: { _count: { select: { memberships: true } } } });
}
