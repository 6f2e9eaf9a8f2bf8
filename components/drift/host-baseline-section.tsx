import Link from "next/link";
import type { TActor } from "@/lib/domain/actor";
import { getHostBaseline } from "@/lib/domain/baselines/get-host-baseline";
import { listDriftItems } from "@/lib/domain/drift/list-drift-items";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { Section } from "@/components/ui/page-header";
import { approveBaselineAction } from "@/app/(app)/engagements/verification-drift-actions";
import { DriftTable } from "./drift-table";

// The host's approved baseline (approve the latest finished run as the new one, for
// reviewers) and the drift its latest run showed against it.
export async function HostBaselineSection({ actor, engagementId, hostId, latestHostRunId }: { actor: TActor; engagementId: string; hostId: string; latestHostRunId: string | null }) {
  const { baseline, versions } = await getHostBaseline({ actor, hostId });
  const drift = latestHostRunId ? await listDriftItems({ actor, engagementId, hostRunId: latestHostRunId }) : null;
  const canApprove = can(actor.role, "baseline.approve") && latestHostRunId !== null && baseline?.hostRunId !== latestHostRunId;
  return (
    <Section title="Baseline and drift" id="baseline">
      <div className="space-y-4 text-sm">
        {baseline ? (
          <p>
            Baseline of {baseline.items.length} items approved by {baseline.approvedByName} on {baseline.approvedAt.toISOString().replace("T", " ").slice(0, 16)} UTC
            {baseline.hostRun && <> from <Link href={`/engagements/${engagementId}/runs/${baseline.hostRun.runId}`} className="text-sky-700 hover:underline">this run</Link></>}
            {versions > 1 && <> (version {versions})</>}
            {baseline.note && <>: <span className="text-slate-600">{baseline.note}</span></>}
          </p>
        ) : (
          <p className="text-slate-600">No baseline yet: a reviewer approves a finished run&apos;s inventory, and every later run shows what differs from it.</p>
        )}
        {canApprove && <InlineAction action={approveBaselineAction.bind(null, latestHostRunId!)} label={baseline ? "Approve the latest run as the new baseline" : "Approve the latest run as the baseline"} variant="primary" />}
        {baseline && drift && (
          <div>
            <p className="mb-2 text-xs font-medium uppercase text-slate-500">Drift in the latest run</p>
            <DriftTable list={drift} engagementId={engagementId} canAccept={can(actor.role, "drift.accept")} canPromote={can(actor.role, "drift.promote")} showHost={false} />
          </div>
        )}
      </div>
    </Section>
  );
}
