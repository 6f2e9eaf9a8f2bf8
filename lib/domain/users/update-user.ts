import { writeAudit } from "@/lib/server/audit-log";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TUserUpdate } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

// Role and disabled take effect on the user's next request (sessions re-read the user).
export async function updateUser({ actor, userId, input }: { actor: TActor; userId: string; input: TUserUpdate }) {
  assertCan(actor, "user.manage");
  return inTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw notFound("User not found");
    const losesAdmin = before.role === "ADMIN" && ((input.role && input.role !== "ADMIN") || input.disabled === true);
    if (losesAdmin) {
      if (userId === actor.id) throw new AppError("VALIDATION", "You cannot remove your own admin access or disable yourself");
      // Locked (in one order, so no deadlock), not counted: two admins removing
      // each other at once must not both see two.
      const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND NOT disabled ORDER BY id FOR NO KEY UPDATE`;
      if (admins.length <= 1) throw new AppError("VALIDATION", "Palisade needs at least one active admin");
    }
    const user = await tx.user.update({ where: { id: userId }, data: input });
    await writeAudit(tx, { actorId: actor.id, action: "user.update", target: `user:${userId}`, details: { before: { role: before.role, disabled: before.disabled }, after: input } });
    return user;
  });
}
