import type { Metadata } from "next";
import Link from "next/link";
import { listDriftItems } from "@/lib/domain/drift/list-drift-items";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { DriftTable } from "@/components/drift/drift-table";
import { PageHeader, Section } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Drift" };

const STATUSES = ["OPEN", "ACCEPTED", "PROMOTED"] as const;

export default async function DriftPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const raw = (await searchParams).status;
  const status = STATUSES.find((s) => s === raw) ?? "OPEN";
  const list = await orNotFound(listDriftItems({ actor, engagementId: id, status }));
  return (
    <div className="space-y-4">
      <PageHeader title="Drift" subtitle={<Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">{list.engagement.name}</Link>} />
      <nav aria-label="Status" className="flex gap-3 text-sm">
        {STATUSES.map((s) => (
          <Link key={s} href={`/engagements/${id}/drift?status=${s}`} aria-current={s === status ? "page" : undefined} className={s === status ? "font-semibold text-slate-900" : "text-sky-700 hover:underline"}>{s.toLowerCase()}</Link>
        ))}
      </nav>
      <Section title={`${status.charAt(0)}${status.slice(1).toLowerCase()} drift against the hosts' baselines`}>
        <DriftTable list={list} engagementId={id} canAccept={can(actor.role, "drift.accept")} canPromote={can(actor.role, "drift.promote")} />
      </Section>
    </div>
  );
}
