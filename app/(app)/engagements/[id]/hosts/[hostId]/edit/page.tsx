import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEngagement } from "@/lib/domain/engagements/get-engagement";
import { getHost } from "@/lib/domain/hosts/get-host";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { HostForm } from "@/components/host-forms";
import { InlineAction } from "@/components/inline-action";
import { PageHeader, Section } from "@/components/ui/page-header";
import { archiveHostAction, updateHostAction } from "../../../../actions";

export const metadata: Metadata = { title: "Edit host" };

export default async function EditHostPage({ params }: { params: Promise<{ id: string; hostId: string }> }) {
  const actor = await requireActor();
  const { id, hostId } = await params;
  const host = await orNotFound(getHost({ actor, hostId }));
  if (host.engagementId !== id || !can(actor.role, "host.write")) notFound();
  const { credentials } = await getEngagement({ actor, engagementId: id });
  return (
    <>
      <PageHeader title={`Edit ${host.label}`} actions={<InlineAction action={archiveHostAction.bind(null, host.id)} fields={{ archived: host.archivedAt ? "false" : "true" }} label={host.archivedAt ? "Restore host" : "Archive host"} />} />
      <Section title="Host">
        <HostForm
          action={updateHostAction.bind(null, host.id)}
          credentials={credentials}
          defaults={{ label: host.label, address: host.address, port: String(host.port), username: host.username, exposure: host.exposure, tags: host.tags.join(", "), credentialId: host.credentialId ?? "" }}
          submitLabel="Save host"
        />
      </Section>
    </>
  );
}
