import type { TStepFile } from "@/lib/audit/hardening/types";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

const include = {
  proposedBy: { select: { id: true, name: true } },
  approvedBy: { select: { id: true, name: true } },
  appliedByUser: { select: { id: true, name: true } },
  host: { select: { id: true, label: true, address: true } },
  engagement: { select: { id: true, name: true, hardeningExecution: true } },
  events: { orderBy: { id: "asc" as const }, include: { actor: { select: { id: true, name: true } } } },
};

// One step with its history: every transition, edit and execution output.
export async function getHardeningStep({ actor, stepId }: { actor: TActor; stepId: string }) {
  const step = await db().hardeningStep.findFirst({ where: { id: stepId, engagement: engagementScope(actor) }, include });
  if (!step) throw notFound("Hardening step not found");
  assertCan(actor, "hardening.read");
  return { ...step, files: step.files as unknown as TStepFile[] };
}

// The steps of one finding (newest first), for the finding page.
export async function listFindingHardeningSteps({ actor, findingId }: { actor: TActor; findingId: string }) {
  const steps = await db().hardeningStep.findMany({ where: { findingId, engagement: engagementScope(actor) }, include, orderBy: { createdAt: "desc" } });
  assertCan(actor, "hardening.read");
  return steps.map((s) => ({ ...s, files: s.files as unknown as TStepFile[] }));
}

export type THardeningStepDetail = Awaited<ReturnType<typeof getHardeningStep>>;
