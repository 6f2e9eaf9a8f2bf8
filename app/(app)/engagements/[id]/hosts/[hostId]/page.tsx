import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getHostInventory } from "@/lib/domain/hosts/get-host-inventory";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { InventoryTables } from "@/components/inventory-tables";
import { HostBaselineSection } from "@/components/drift/host-baseline-section";
import { Badge, RunStatusBadge } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { approveHostKeyAction, resetHostKeyAction } from "../../../run-actions";

export const metadata: Metadata = { title: "Host" };

type TInventoryJson = {
  os?: { prettyName?: string | null } | null;
  hostname?: string | null;
  uname?: { kernelRelease?: string; machine?: string | null } | null;
  identity?: { user?: string; uid?: number } | null;
  toolStates?: Record<string, string>;
  hidden?: string[];
};

export default async function HostPage({ params }: { params: Promise<{ id: string; hostId: string }> }) {
  const actor = await requireActor();
  const { id, hostId } = await params;
  const { host, latest, recent } = await orNotFound(getHostInventory({ actor, hostId }));
  if (host.engagementId !== id) notFound();
  const inventory = (latest?.inventory ?? {}) as TInventoryJson;
  const index = new Map((latest?.evidence ?? []).map((e) => [e.key, { id: e.id, command: e.command }]));
  const notable = Object.entries(inventory.toolStates ?? {}).filter(([, state]) => state !== "ok" && state !== "empty");

  return (
    <div className="space-y-6">
      <PageHeader
        title={host.label}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <code className="text-xs">{host.username}@{host.address}:{host.port}</code>
            <Badge tone={host.exposure === "INTERNET" ? "amber" : "slate"}>{host.exposure.toLowerCase()}</Badge>
            {host.simulated && <Badge tone="violet">simulated (demo fleet)</Badge>}
            <Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">back to engagement</Link>
          </span>
        }
      />

      <Section title="Host key" id="host-key">
        {host.hostKeyFingerprint ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <code className="text-xs">{host.hostKeyFingerprint}</code>
            {host.hostKeyApprovedAt ? <Badge tone="emerald">approved</Badge> : <Badge tone="amber">pinned on first use, not yet approved</Badge>}
            {!host.hostKeyApprovedAt && can(actor.role, "host.approve-key") && (
              <InlineAction action={approveHostKeyAction.bind(null, host.id)} fields={{ fingerprint: host.hostKeyFingerprint }} label="Approve this key" variant="primary" />
            )}
            {can(actor.role, "host.write") && <InlineAction action={resetHostKeyAction.bind(null, host.id)} label="Clear pin" />}
          </div>
        ) : (
          <p className="text-sm text-slate-600">No key pinned yet: the first audit pins the key the host presents, for you to approve.</p>
        )}
      </Section>

      {latest ? (
        <>
          <Section title="Identity" id="identity">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div><dt className="text-slate-500">Operating system</dt><dd>{inventory.os?.prettyName ?? "unknown"}</dd></div>
              <div><dt className="text-slate-500">Host name</dt><dd>{inventory.hostname ?? "unknown"}</dd></div>
              <div><dt className="text-slate-500">Kernel</dt><dd>{inventory.uname ? `${inventory.uname.kernelRelease} ${inventory.uname.machine ?? ""}` : "unknown"}</dd></div>
              <div><dt className="text-slate-500">Audited as</dt><dd>{inventory.identity ? `${inventory.identity.user} (uid ${inventory.identity.uid})` : "unknown"}</dd></div>
              <div><dt className="text-slate-500">Inventory from</dt><dd><Link href={`/engagements/${id}/runs/${latest.runId}`} className="text-sky-700 hover:underline">{latest.finishedAt?.toISOString().replace("T", " ").slice(0, 19)} UTC</Link></dd></div>
            </dl>
            {notable.length > 0 && (
              <ul className="mt-4 flex flex-wrap gap-2 text-xs">
                {notable.map(([tool, state]) => <li key={tool}><Badge>{tool}: {state.replace(/-/g, " ")}</Badge></li>)}
              </ul>
            )}
            {(inventory.hidden ?? []).length > 0 && (
              <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                <p className="font-medium">Not visible to the audit user:</p>
                <ul className="list-disc pl-5">{inventory.hidden!.map((h) => <li key={h}>{h}</li>)}</ul>
              </div>
            )}
          </Section>
          <InventoryTables latest={latest} index={index} engagementId={id} />
        </>
      ) : (
        <Section title="Inventory"><p className="text-sm text-slate-600">No completed audit of this host yet.</p></Section>
      )}

      <HostBaselineSection actor={actor} engagementId={id} hostId={host.id} latestHostRunId={latest?.id ?? null} />

      <Section title="Recent audits of this host" id="recent">
        <ul className="divide-y divide-slate-100 text-sm">
          {recent.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-3 py-2">
              <Link href={`/engagements/${id}/runs/${r.runId}`} className="text-sky-800 hover:underline">{r.finishedAt ? r.finishedAt.toISOString().replace("T", " ").slice(0, 19) : "in progress"}</Link>
              <RunStatusBadge status={r.status} />
              {r.error && <span className="text-red-800">{r.failureReason}: {r.error}</span>}
            </li>
          ))}
          {recent.length === 0 && <li className="py-2 text-slate-500">Never audited.</li>}
        </ul>
      </Section>
    </div>
  );
}
