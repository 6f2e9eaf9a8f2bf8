import type { Metadata } from "next";
import Link from "next/link";
import { listHardeningSteps } from "@/lib/domain/hardening/list-hardening-steps";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { SeverityBadge } from "@/components/findings/labels";
import { HardeningStatusBadge, strategyLabel } from "@/components/hardening/labels";
import { ExecutionToggle } from "@/components/hardening/step-forms";
import { StartVerificationButton } from "@/components/verification/start-verification-button";
import { PageHeader, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { setHardeningExecutionAction } from "./actions";

export const metadata: Metadata = { title: "Hardening" };

// What each status waits for, so a reviewer or consultant sees their queue.
const waitingFor: Record<string, string> = { PROPOSED: "a reviewer", APPROVED: "someone to apply it", APPLIED: "a verification run", FAILED: "a rollback or an edit", REJECTED: "an edit", ROLLED_BACK: "an edit", VERIFIED: "nothing" };

export default async function HardeningPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { engagement, steps } = await orNotFound(listHardeningSteps({ actor, engagementId: id }));
  return (
    <div className="space-y-4">
      <PageHeader title="Hardening" subtitle={<Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">{engagement.name}</Link>} actions={can(actor.role, "run.start") && <StartVerificationButton engagementId={id} />} />
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="execution-heading">
        <h2 id="execution-heading" className="font-semibold">Execution by Palisade: {engagement.hardeningExecution ? "on" : "off (recommend-only)"}</h2>
        <p className="mb-2 text-slate-600">
          {engagement.hardeningExecution
            ? "An approved step may be run over SSH by someone other than its proposer and approver; Palisade records the output of every command."
            : "Consultants run approved commands themselves and record them as applied."}
        </p>
        {can(actor.role, "engagement.write") && <ExecutionToggle action={setHardeningExecutionAction.bind(null, id)} enabled={engagement.hardeningExecution} />}
      </section>
      <table className={tableClass}>
        <thead>
          <tr><th className={thClass}>Step</th><th className={thClass}>Status</th><th className={thClass}>Finding</th><th className={thClass}>Host</th><th className={thClass}>Who</th><th className={thClass}>Waiting for</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {steps.map((s) => (
            <tr key={s.id}>
              <td className={tdClass}>
                <Link href={`/engagements/${id}/findings/${s.findingId}/hardening#step-${s.id}`} className="text-sky-800 hover:underline">{s.title}</Link>
                <div className="text-xs text-slate-500">{strategyLabel[s.strategy]} · revision {s.revision}</div>
              </td>
              <td className={tdClass}><HardeningStatusBadge status={s.status} /></td>
              <td className={tdClass}><SeverityBadge severity={s.finding.severity} /> {s.finding.title}</td>
              <td className={tdClass}>{s.host.label}</td>
              <td className={tdClass}>proposed by {s.proposedBy.name}{s.approvedBy ? `, approved by ${s.approvedBy.name}` : ""}</td>
              <td className={tdClass}>{waitingFor[s.status]}</td>
            </tr>
          ))}
          {steps.length === 0 && (
            <tr><td className={tdClass} colSpan={6}>No hardening steps yet: open a confirmed finding and propose one.</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
