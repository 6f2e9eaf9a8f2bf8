import type { Metadata } from "next";
import { listClients } from "@/lib/domain/clients/list-clients";
import { getEngagement } from "@/lib/domain/engagements/get-engagement";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { notFound } from "next/navigation";
import { EngagementForm } from "@/components/engagement-form";
import { PageHeader, Section } from "@/components/ui/page-header";
import { updateEngagementAction } from "../../actions";

export const metadata: Metadata = { title: "Edit engagement" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export default async function EditEngagementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { engagement } = await orNotFound(getEngagement({ actor, engagementId: id }));
  if (!can(actor.role, "engagement.write")) notFound();
  const clients = await listClients({ actor });
  return (
    <>
      <PageHeader title={`Edit ${engagement.name}`} />
      <Section title="Engagement">
        <EngagementForm
          action={updateEngagementAction.bind(null, engagement.id)}
          clients={clients}
          defaults={{ clientId: engagement.clientId, name: engagement.name, scope: engagement.scope, status: engagement.status, startsOn: day(engagement.startsOn), endsOn: day(engagement.endsOn) }}
          submitLabel="Save"
        />
      </Section>
    </>
  );
}
