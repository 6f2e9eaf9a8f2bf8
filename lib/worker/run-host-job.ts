import { auditHost } from "@/lib/audit/audit-host";
import { verifyHost, type THostVerifyResult } from "@/lib/audit/verification/verify-host";
import type { TAuditLimits, TAuditStage, THostAuditResult } from "@/lib/audit/audit-types";
import type { HostRunStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { finishRunIfDone } from "./finish-run";
import { isTerminal, TERMINAL_HOST_STATUSES } from "@/lib/domain/runs/host-run-status";
import { loadAuditTarget } from "./load-audit-target";
import { recordHostResult } from "./record-host-result";
import { verificationPlan } from "./verification-plan";

const stageStatus: Record<TAuditStage, HostRunStatus> = { connecting: "CONNECTING", discovering: "DISCOVERING", forensics: "FORENSICS", probing: "PROBING" };

const failure = (message: string): THostAuditResult => ({ ok: false, reason: "error", message, presentedFingerprint: null, evidence: [] });

// One host of one run, start to finish. Safe to run again for the same host
// run (a retry after a worker died): it starts over and writes once.
export async function runHostJob(hostRunId: string, { limits, probes, signal }: { limits: TAuditLimits; probes: boolean; signal: AbortSignal }): Promise<void> {
  const hostRun = await db().hostRun.findUnique({
    where: { id: hostRunId },
    include: { run: { select: { status: true, kind: true } }, host: { include: { credential: { select: { id: true, secret: true } } } } },
  });
  if (!hostRun || isTerminal(hostRun.status)) return;

  const startedAt = new Date();
  const cancelledBeforeStart = hostRun.run.status === "CANCELLED";
  let result: THostVerifyResult;
  if (cancelledBeforeStart) {
    result = failure("Cancelled by a user");
  } else {
    // Conditional: a cancel may have ended this host since it was read.
    const claimed = await db().hostRun.updateMany({
      where: { id: hostRunId, status: { notIn: TERMINAL_HOST_STATUSES } },
      data: { status: "CONNECTING", attempts: { increment: 1 }, startedAt, error: null, failureReason: null },
    });
    if (!claimed.count) return;
    if (hostRun.run.status === "QUEUED") await db().run.updateMany({ where: { id: hostRun.runId, status: "QUEUED" }, data: { status: "RUNNING", startedAt } });
    const target = loadAuditTarget(hostRun.host);
    if ("error" in target) {
      result = failure(target.error);
    } else {
      // Stage updates go out in order; the result waits for the last of them.
      let progress = Promise.resolve();
      const onStage = (stage: TAuditStage) => {
        progress = progress
          .then(() => db().hostRun.updateMany({ where: { id: hostRunId, status: { notIn: TERMINAL_HOST_STATUSES } }, data: { status: stageStatus[stage] } }))
          .then(() => undefined, () => undefined);
      };
      // A verification run re-reads the host with independent commands and each applied step's checks.
      result = hostRun.run.kind === "VERIFICATION" ? await verifyHost(target, await verificationPlan(hostRun.hostId), { limits, onStage, signal }) : await auditHost(target, { limits, probes, onStage, signal });
      await progress;
    }
  }
  await recordHostResult({ hostRunId, runId: hostRun.runId, kind: hostRun.run.kind, host: hostRun.host, startedAt, result, cancelled: cancelledBeforeStart || signal.aborted });
  await finishRunIfDone(hostRun.runId);
}
