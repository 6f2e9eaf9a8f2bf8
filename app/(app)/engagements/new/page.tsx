import type { Metadata } from "next";
import Link from "next/link";
import { listClients } from "@/lib/domain/clients/list-clients";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { EngagementForm } from "@/components/engagement-form";
import { PageHeader, Section } from "@/components/ui/page-header";
import { createEngagementAction } from "../actions";

export const metadata: Metadata = { title: "New engagement" };

export default async function NewEngagementPage() {
  const actor = await requireActor();
  const clients = await orNotFound(listClients({ actor }));
  return (
    <>
      <PageHeader title="New engagement" />
      <Section title="Engagement">
        {clients.length === 0 ? (
          <p className="text-sm text-slate-600">
            There are no clients yet. <Link href="/clients" className="text-sky-700 underline">Create a client</Link> first.
          </p>
        ) : (
          <EngagementForm action={createEngagementAction} clients={clients} submitLabel="Create engagement" />
        )}
      </Section>
    </>
  );
}
