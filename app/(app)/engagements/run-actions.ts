"use server";

import { z } from "zod";
import { approveHostKey } from "@/lib/domain/hosts/approve-host-key";
import { resetHostKey } from "@/lib/domain/hosts/reset-host-key";
import { cancelRun } from "@/lib/domain/runs/cancel-run";
import { startRun } from "@/lib/domain/runs/start-run";
import { formActionFor } from "@/lib/server/action";
import { ZId } from "@/lib/validation/text";

const ZStartRun = z.object({
  scope: z.enum(["all", "selected"], { error: "Choose all hosts or the selected ones" }),
  hostIds: z
    .union([ZId, z.array(ZId).max(10_000, "At most 10,000 hosts at once")])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export const startRunAction = formActionFor(ZStartRun, async ({ actor, data, id }) => {
  if (data.scope === "selected" && !data.hostIds.length) return { ok: false, message: "Select at least one host, or audit all hosts." };
  const run = await startRun({ actor, engagementId: id, hostIds: data.scope === "selected" ? data.hostIds : undefined });
  return `/engagements/${id}/runs/${run.id}`;
});

export const cancelRunAction = formActionFor(z.object({}), async ({ actor, id }) => {
  await cancelRun({ actor, runId: id });
  return { ok: true, message: "Cancelled: queued hosts will not run; hosts in progress are being stopped." };
});

const ZFingerprint = z.object({ fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "Fingerprint is malformed") });

export const approveHostKeyAction = formActionFor(ZFingerprint, async ({ actor, data, id }) => {
  await approveHostKey({ actor, hostId: id, fingerprint: data.fingerprint });
  return { ok: true, message: "Host key approved." };
});

export const resetHostKeyAction = formActionFor(z.object({}), async ({ actor, id }) => {
  await resetHostKey({ actor, hostId: id });
  return { ok: true, message: "Pin cleared: the next audit pins the key the host presents." };
});
