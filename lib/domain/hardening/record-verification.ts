import { diffInventory } from "@/lib/audit/drift/diff";
import { diffStep, type TSocketSeen } from "@/lib/audit/drift/step-diff";
import type { THostFacts } from "@/lib/audit/facts";
import type { TVerificationChecks } from "@/lib/audit/verification/verify-host";
import { loadInventory } from "@/lib/domain/baselines/load-inventory";
import { transitionFor } from "@/lib/domain/findings/transitions";
import { pgJson } from "@/lib/server/pg-text";
import type { TTx } from "@/lib/server/db";
import { recordHardeningEvent } from "./record-hardening-event";
import { assertHardeningTransition } from "./transitions";

type TContext = { engagementId: string; hostId: string; runId: string; hostRunId: string; at: Date; facts: THostFacts; checks: TVerificationChecks | undefined };

// Steps a verification run of this host judges: every applied one, and rolled-back ones not
// yet checked since their rollback (the run then shows whether the host is back as it was).
export async function stepsToVerify(tx: TTx, hostId: string) {
  const steps = await tx.hardeningStep.findMany({
    where: { hostId, status: { in: ["APPLIED", "ROLLED_BACK"] } },
    include: { finding: { select: { id: true, status: true, proto: true, port: true, address: true, executable: true, lastHostRunId: true } }, events: { orderBy: { at: "desc" }, take: 1, select: { kind: true } } },
    orderBy: { createdAt: "asc" },
  });
  return steps.filter((s) => s.status === "APPLIED" || s.events[0]?.kind === "rolled_back");
}

// Only what the diff is about: the stored details stay small and hold no process data.
const seen = (l: { proto: string; address: string; port: number; bindScope?: string | null; evidenceKeys: string[] }): TSocketSeen => ({ proto: l.proto, address: l.address, port: l.port, bindScope: l.bindScope ?? null, evidenceKeys: l.evidenceKeys });

// Runs in the transaction that stores a VERIFICATION host run: judges each step against the
// run it was proposed from. APPLIED becomes VERIFIED when the exposure is gone (listener gone,
// loopback only, or dropped by a firewall rule), else FAILED with the diff; only a VERIFIED
// step resolves its finding. A rolled-back step keeps its status; the event records whether
// the host's inventory is back to what it was before the step.
export async function recordVerification(tx: TTx, ctx: TContext): Promise<void> {
  const steps = await stepsToVerify(tx, ctx.hostId);
  if (!steps.length) return;
  const afterInventory = await loadInventory(tx, ctx.hostRunId);
  const after = {
    hostRunId: ctx.hostRunId,
    listeners: ctx.facts.listeners.map((l) => seen({ ...l, evidenceKeys: l.evidence })),
    procNet: (ctx.checks?.procNet ?? []).map((s) => seen({ ...s, evidenceKeys: s.evidence })),
    procNetKeys: ctx.checks?.procNetKeys ?? [],
    firewalls: ctx.facts.firewalls,
    outside: ctx.checks?.outside ?? [],
  };
  for (const step of steps) {
    const f = step.finding;
    const beforeHostRunId = step.beforeHostRunId ?? f.lastHostRunId;
    const beforeListeners = beforeHostRunId ? await tx.listener.findMany({ where: { hostRunId: beforeHostRunId }, select: { proto: true, address: true, port: true, bindScope: true, evidenceKeys: true } }) : [];
    const diff =
      f.proto && f.port !== null
        ? diffStep({ target: { proto: f.proto, port: f.port, address: f.address, executable: f.executable }, before: { hostRunId: beforeHostRunId, listeners: beforeListeners.map(seen) }, after })
        : null;
    const inventoryDiff = beforeHostRunId ? diffInventory(await loadInventory(tx, beforeHostRunId), afterInventory) : null;
    const verifyCommands = ctx.checks?.steps.find((s) => s.id === step.id)?.commands ?? [];
    const details: Record<string, unknown> = pgJson({ runId: ctx.runId, hostRunId: ctx.hostRunId, beforeHostRunId, diff, inventoryDiff, verifyCommands });

    if (step.status === "ROLLED_BACK") {
      const n = inventoryDiff?.length ?? 0;
      const comment = `After the rollback: ${diff?.text ?? "no port to compare"}; inventory against the run before the step: ${n === 0 ? "no differences" : `${n} difference(s)`}`;
      await tx.hardeningStep.update({ where: { id: step.id }, data: { verificationRunId: ctx.runId } });
      await recordHardeningEvent(tx, { stepId: step.id, engagementId: ctx.engagementId, actorId: null, kind: "rollback-verified", from: null, to: null, revision: step.revision, comment, details });
      // The exposure is back: a finding its step had resolved is open again.
      if (diff && !diff.exposureGone && transitionFor(f.status, "REOPENED", "system")) {
        await tx.finding.update({ where: { id: f.id }, data: { status: "REOPENED", resolvedAt: null } });
        await tx.findingEvent.create({ data: { findingId: f.id, at: ctx.at, kind: "reopened", fromStatus: f.status, toStatus: "REOPENED", comment: `Seen again by a verification run after the step was rolled back: ${diff.text}`, runId: ctx.runId } });
      }
      continue;
    }

    const gone = diff?.exposureGone ?? false;
    const to = gone ? "VERIFIED" : "FAILED";
    assertHardeningTransition(step.status, to, "verification");
    const comment = diff ? diff.text : "The finding names no port: a verification run cannot judge it; the step stays failed until a person re-checks it";
    await tx.hardeningStep.update({ where: { id: step.id }, data: { status: to, verificationRunId: ctx.runId } });
    await recordHardeningEvent(tx, { stepId: step.id, engagementId: ctx.engagementId, actorId: null, kind: gone ? "verified" : "failed", from: step.status, to, revision: step.revision, comment, details });
    if (gone && transitionFor(f.status, "RESOLVED", "system")) {
      await tx.finding.update({ where: { id: f.id }, data: { status: "RESOLVED", resolvedAt: ctx.at } });
      await tx.findingEvent.create({ data: { findingId: f.id, at: ctx.at, kind: "resolved", fromStatus: f.status, toStatus: "RESOLVED", comment: `Resolved by a verification run: ${diff!.text}`, runId: ctx.runId } });
    }
  }
}
