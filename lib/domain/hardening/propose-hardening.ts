import { randomBytes } from "node:crypto";
import { planHardening } from "@/lib/audit/hardening/plan-hardening";
import type { TStepFile } from "@/lib/audit/hardening/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { inTransaction } from "../transaction";
import { loadHostFacts } from "./load-host-facts";
import { recordHardeningEvent } from "./record-hardening-event";

// A failed step is rolled back or edited before anything else is proposed for its finding.
export const OPEN_STEP_STATUSES = ["PROPOSED", "APPROVED", "APPLIED", "FAILED"] as const;

// A user's crontab is already in the run's evidence (`crontab -l -u USER`):
// its content before is known at proposal time. Other files are read over SSH
// when the step runs (execute) or by the consultant (recommend-only).
async function fillFromEvidence(tx: TTx, hostRunId: string, files: TStepFile[]): Promise<TStepFile[]> {
  return Promise.all(
    files.map(async (f) => {
      const user = /^crontab -l -u ([a-z_][a-z0-9_-]*)$/.exec(f.readCommand)?.[1];
      if (!user) return f;
      const ev = await tx.evidence.findUnique({ where: { hostRunId_key: { hostRunId, key: `crontab-user:${user}` } }, select: { stdout: true, exitCode: true, redacted: true } });
      return ev && ev.exitCode === 0 && !ev.redacted ? { ...f, state: "read" as const, before: ev.stdout } : f;
    }),
  );
}

// Proposes the hardening step for a confirmed finding, planned by the engine
// from the facts of the host run that last saw the finding.
export async function proposeHardening({ actor, findingId }: { actor: TActor; findingId: string }) {
  return inTransaction(async (tx) => {
    const finding = await tx.finding.findFirst({ where: { id: findingId, engagement: engagementScope(actor) }, include: { host: { select: { id: true, port: true, exposure: true } } } });
    if (!finding) throw notFound("Finding not found");
    assertCan(actor, "hardening.propose");
    if (finding.status !== "CONFIRMED") throw new AppError("VALIDATION", "Only a confirmed finding gets a hardening step: confirm it first. Nothing was changed.");
    if (!finding.lastHostRunId) throw new AppError("VALIDATION", "The finding has no host run to plan from. Nothing was changed.");
    const open = await tx.hardeningStep.findFirst({ where: { findingId, status: { in: [...OPEN_STEP_STATUSES] } }, select: { id: true, status: true } });
    if (open) throw new AppError("CONFLICT", `This finding already has a ${open.status.toLowerCase()} hardening step. Nothing was changed.`);

    const facts = await loadHostFacts(tx, finding.lastHostRunId);
    const id = randomBytes(10).toString("hex");
    const plan = planHardening({
      finding: { ruleId: finding.ruleId, proto: finding.proto === "tcp" || finding.proto === "udp" ? finding.proto : null, port: finding.port, address: finding.address, executable: finding.executable },
      facts,
      exposure: finding.host.exposure,
      tag: id,
      sshPort: finding.host.port,
    });
    if (!plan.ok) throw new AppError("VALIDATION", `No hardening step can be proposed: ${plan.reason} Nothing was changed.`);
    const { files, ...step } = plan.step;
    const created = await tx.hardeningStep.create({
      data: {
        id,
        engagementId: finding.engagementId,
        hostId: finding.hostId,
        findingId,
        ...step,
        files: (await fillFromEvidence(tx, finding.lastHostRunId, files)) as unknown as Prisma.InputJsonValue,
        proposedById: actor.id,
        beforeHostRunId: finding.lastHostRunId,
      },
    });
    await recordHardeningEvent(tx, { stepId: id, engagementId: finding.engagementId, actorId: actor.id, kind: "proposed", from: null, to: "PROPOSED", revision: 1, details: { strategy: step.strategy, findingId } });
    return created;
  });
}
