import type { Metadata } from "next";
import Link from "next/link";
import { listClients } from "@/lib/domain/clients/list-clients";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { ClientForm } from "@/components/client-form";
import { InlineAction } from "@/components/inline-action";
import { Badge } from "@/components/ui/badge";
import { PageHeader, Section, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { archiveClientAction, createClientAction } from "./actions";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const actor = await requireActor();
  const clients = await orNotFound(listClients({ actor, includeArchived: true }));
  const canArchive = can(actor.role, "client.archive");
  return (
    <div className="space-y-6">
      <PageHeader title="Clients" />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              <th className={thClass}>Client</th>
              <th className={thClass}>Contact</th>
              <th className={`${thClass} text-right`}>Engagements</th>
              <th className={thClass}><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {clients.map((c) => (
              <tr key={c.id}>
                <td className={tdClass}>{c.name} {c.archivedAt && <Badge>archived</Badge>}</td>
                <td className={`${tdClass} whitespace-pre-wrap text-slate-600`}>{c.contact}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{c._count.engagements}</td>
                <td className={`${tdClass} flex justify-end gap-3`}>
                  <Link href={`/clients/${c.id}/edit`} className="text-sky-700 hover:underline">Edit</Link>
                  {canArchive && <InlineAction action={archiveClientAction.bind(null, c.id)} fields={{ archived: c.archivedAt ? "false" : "true" }} label={c.archivedAt ? "Restore" : "Archive"} />}
                </td>
              </tr>
            ))}
            {clients.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">No clients yet.</td></tr>}
          </tbody>
        </table>
      </div>
      <Section title="New client" id="new-client">
        <ClientForm action={createClientAction} submitLabel="Create client" />
      </Section>
    </div>
  );
}
