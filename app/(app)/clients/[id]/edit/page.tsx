import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listClients } from "@/lib/domain/clients/list-clients";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { ClientForm } from "@/components/client-form";
import { PageHeader, Section } from "@/components/ui/page-header";
import { updateClientAction } from "../../actions";

export const metadata: Metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const client = (await orNotFound(listClients({ actor, includeArchived: true }))).find((c) => c.id === id);
  if (!client) notFound();
  return (
    <>
      <PageHeader title={`Edit ${client.name}`} />
      <Section title="Client">
        <ClientForm action={updateClientAction.bind(null, client.id)} defaults={{ name: client.name, contact: client.contact }} submitLabel="Save" />
      </Section>
    </>
  );
}
