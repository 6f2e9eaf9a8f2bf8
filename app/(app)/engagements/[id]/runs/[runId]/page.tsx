import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRun } from "@/lib/domain/runs/get-run";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { RunProgress, type TRunSnapshot } from "@/components/run-progress";
import { PageHeader } from "@/components/ui/page-header";
import { cancelRunAction } from "../../../run-actions";

export const metadata: Metadata = { title: "Audit run" };

export default async function RunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const actor = await requireActor();
  const { id, runId } = await params;
  const run = await orNotFound(getRun({ actor, runId }));
  if (run.engagementId !== id) notFound();
  return (
    <>
      <PageHeader
        title="Audit run"
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
    </>
  );
}
