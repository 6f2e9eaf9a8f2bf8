import type { HardeningStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// An engagement's hardening steps, for its hardening page: what is waiting
// for whom (proposed: a reviewer; approved: someone to apply it).
export async function listHardeningSteps({ actor, engagementId, status }: { actor: TActor; engagementId: string; status?: HardeningStatus }) {
  const engagement = await loadEngagement(db(), actor, engagementId, "hardening.read");
  const steps = await db().hardeningStep.findMany({
    where: { engagementId, ...(status ? { status } : {}) },
    orderBy: [{ updatedAt: "desc" }],
    select: {
      id: true,
      title: true,
      strategy: true,
      status: true,
      revision: true,
      approvedRevision: true,
      updatedAt: true,
      findingId: true,
      finding: { select: { title: true, severity: true } },
      host: { select: { label: true } },
      proposedBy: { select: { name: true } },
      approvedBy: { select: { name: true } },
    },
    take: 500,
  });
  return { engagement, steps };
}
