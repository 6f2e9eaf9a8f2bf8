import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFinding } from "@/lib/domain/findings/get-finding";
import { listFindingHardeningSteps } from "@/lib/domain/hardening/get-hardening-step";
import { OPEN_STEP_STATUSES } from "@/lib/domain/hardening/propose-hardening";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { FindingStatusBadge, SeverityBadge, statusLabel } from "@/components/findings/labels";
import { ProposeForm } from "@/components/hardening/step-forms";
import { StepView } from "@/components/hardening/step-view";
import { PageHeader } from "@/components/ui/page-header";
import {
  approveHardeningStepAction,
  editHardeningStepAction,
  executeHardeningStepAction,
  proposeHardeningAction,
  recordHardeningAppliedAction,
  recordHardeningRolledBackAction,
  rejectHardeningStepAction,
  rollbackHardeningStepAction,
} from "../../../hardening/actions";

export const metadata: Metadata = { title: "Hardening" };

const actions = { edit: editHardeningStepAction, approve: approveHardeningStepAction, reject: rejectHardeningStepAction, recordApplied: recordHardeningAppliedAction, recordRolledBack: recordHardeningRolledBackAction, execute: executeHardeningStepAction, rollback: rollbackHardeningStepAction };

export default async function FindingHardeningPage({ params }: { params: Promise<{ id: string; findingId: string }> }) {
  const actor = await requireActor();
  const { id, findingId } = await params;
  const { finding } = await orNotFound(getFinding({ actor, findingId }));
  if (finding.engagementId !== id) notFound();
  const steps = await orNotFound(listFindingHardeningSteps({ actor, findingId }));
  const open = steps.some((s) => (OPEN_STEP_STATUSES as readonly string[]).includes(s.status));
  return (
    <div className="space-y-4">
      <PageHeader
        title={`Hardening: ${finding.title}`}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={finding.severity} />
            <FindingStatusBadge status={finding.status} />
            on {finding.host.label}
            {finding.proto && finding.port != null && <code className="text-xs">{finding.proto}/{finding.port}</code>}
            · <Link href={`/engagements/${id}/findings?open=${finding.id}`} className="text-sky-700 hover:underline">finding</Link>
            · <Link href={`/engagements/${id}/hardening`} className="text-sky-700 hover:underline">all hardening steps</Link>
          </span>
        }
      />
      {can(actor.role, "hardening.propose") && !open && (
        finding.status === "CONFIRMED" ? (
          <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="mb-2 text-slate-600">Palisade plans the step from the facts of the run that last saw this finding: bind to localhost first, a firewall rule if that cannot be done, a reverse proxy only where public access is required.</p>
            <ProposeForm action={proposeHardeningAction.bind(null, finding.id)} />
          </section>
        ) : (
          <p className="text-sm text-slate-600">A hardening step is proposed for a confirmed finding; this one is {statusLabel(finding.status)}.</p>
        )
      )}
      {steps.length === 0 && <p className="text-sm text-slate-500">No hardening step yet.</p>}
      {steps.map((s) => (
        <StepView key={s.id} step={s} viewer={actor} actions={actions} />
      ))}
    </div>
  );
}
