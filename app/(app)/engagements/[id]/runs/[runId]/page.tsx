import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getVerificationResults } from "@/lib/domain/hardening/get-verification-results";
import { getRun } from "@/lib/domain/runs/get-run";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { RunProgress, type TRunSnapshot } from "@/components/run-progress";
import { PageHeader } from "@/components/ui/page-header";
import { VerificationResults } from "@/components/verification/verification-results";
import { cancelRunAction } from "../../../run-actions";

export const metadata: Metadata = { title: "Audit run" };

export default async function RunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const actor = await requireActor();
  const { id, runId } = await params;
  const run = await orNotFound(getRun({ actor, runId }));
  if (run.engagementId !== id) notFound();
  const verification = run.kind === "VERIFICATION" && can(actor.role, "hardening.read") ? await getVerificationResults({ actor, runId }) : null;
  return (
    <>
      <PageHeader
        title={run.kind === "VERIFICATION" ? "Verification run" : "Audit run"}
        subtitle={
          <>
            <Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">{run.engagement.name}</Link> · {run.trigger === "SCHEDULE" ? <>scheduled, as {run.startedBy.name},</> : <>started by {run.startedBy.name}</>} at {run.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
          </>
        }
      />
      <RunProgress
        initial={JSON.parse(JSON.stringify(run)) as TRunSnapshot}
        whileRunning={can(actor.role, "run.start") && <InlineAction action={cancelRunAction.bind(null, run.id)} label="Cancel run" variant="danger" />}
      />
      {verification && <div className="mt-6"><VerificationResults results={verification} engagementId={id} /></div>}
    </>
  );
}
