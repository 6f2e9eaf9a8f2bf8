import { hashPassword } from "@/lib/server/auth/passwords";
import { writeAudit } from "@/lib/server/audit-log";
import { assertCan } from "@/lib/server/permissions";
import type { TUserInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";

export async function createUser({ actor, input }: { actor: TActor; input: TUserInput }) {
  assertCan(actor, "user.manage");
  const passwordHash = await hashPassword(input.password);
  return inTransaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
    await writeAudit(tx, { actorId: actor.id, action: "user.create", target: `user:${user.id}`, details: { email: user.email, role: user.role } });
    return user;
  }, `A user with email ${input.email} already exists`);
}
