import { writeAudit } from "@/lib/server/audit-log";
import { notFound } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export async function addMember({ actor, engagementId, email }: { actor: TActor; engagementId: string; email: string }) {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "engagement.members");
    const user = await tx.user.findFirst({ where: { email: email.trim().toLowerCase(), disabled: false } });
    if (!user) throw notFound(`No active user with email ${email}`);
    const member = await tx.engagementMember.create({ data: { engagementId, userId: user.id } });
    await writeAudit(tx, { actorId: actor.id, action: "member.add", target: `engagement:${engagementId}`, details: { userId: user.id, email: user.email, role: user.role } });
    return member;
  }, `${email} is already a member`);
}
