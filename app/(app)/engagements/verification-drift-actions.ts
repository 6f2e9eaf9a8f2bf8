"use server";

import { z } from "zod";
import { approveBaseline } from "@/lib/domain/baselines/approve-baseline";
import { acceptDriftItem } from "@/lib/domain/drift/accept-drift-item";
import { promoteDriftItem } from "@/lib/domain/drift/promote-drift-item";
import { startVerificationRun } from "@/lib/domain/hardening/start-verification-run";
import { formActionFor } from "@/lib/server/action";

export const startVerificationRunAction = formActionFor(z.object({}), async ({ actor, id }) => {
  const run = await startVerificationRun({ actor, engagementId: id });
  return `/engagements/${id}/runs/${run.id}`;
});

const ZNote = z.object({ note: z.string().max(2000, "At most 2,000 characters").optional().default("") });

export const approveBaselineAction = formActionFor(ZNote, async ({ actor, data, id }) => {
  await approveBaseline({ actor, hostRunId: id, note: data.note });
  return { ok: true, message: "Baseline approved: later runs of this host are compared with it." };
});

export const acceptDriftItemAction = formActionFor(z.object({}), async ({ actor, id }) => {
  await acceptDriftItem({ actor, driftItemId: id });
  return { ok: true, message: "Accepted into a new baseline version." };
});

export const promoteDriftItemAction = formActionFor(z.object({}), async ({ actor, id }) => {
  await promoteDriftItem({ actor, driftItemId: id });
  return { ok: true, message: "Promoted to a finding (NEW, for triage)." };
});
