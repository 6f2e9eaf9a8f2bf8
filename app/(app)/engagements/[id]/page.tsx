import type { Metadata } from "next";
import Link from "next/link";
import { getEngagement } from "@/lib/domain/engagements/get-engagement";
import { findingStats } from "@/lib/domain/findings/finding-stats";
import { listReports } from "@/lib/domain/reports/list-reports";
import { listRuns } from "@/lib/domain/runs/list-runs";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { CredentialForm } from "@/components/credential-form";
import { FindingsOverview } from "@/components/findings/charts";
import { HostForm, HostImportForm } from "@/components/host-forms";
import { InlineAction } from "@/components/inline-action";
import { StartVerificationButton } from "@/components/verification/start-verification-button";
import { MemberForm } from "@/components/member-form";
import { ClientEngagement } from "@/components/reports/client-engagement";
import { StartRunForm } from "@/components/start-run-form";
import { Badge, EngagementStatusBadge, RunStatusBadge } from "@/components/ui/badge";
import { PageHeader, Section, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import {
  addHostAction,
  addMemberAction,
  archiveEngagementAction,
  deleteCredentialAction,
  importHostsAction,
  removeMemberAction,
  storeCredentialAction,
} from "../actions";
import { startRunAction } from "../run-actions";

const RUN_FORM = "start-run";

export const metadata: Metadata = { title: "Engagement" };

export default async function EngagementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { engagement, client, members, hosts, credentials } = await orNotFound(getEngagement({ actor, engagementId: id }));
  // A client sees their published reports here and nothing else of the engagement.
  if (!can(actor.role, "report.read")) return <ClientEngagement engagement={engagement} clientName={client.name} reports={await listReports({ actor, engagementId: id })} />;
  const canWrite = can(actor.role, "engagement.write");
  const canHosts = can(actor.role, "host.read");
  const canEditHosts = can(actor.role, "host.write");
  const canCredentials = can(actor.role, "credential.write");
  const canMembers = can(actor.role, "engagement.members");
  const canRun = can(actor.role, "run.start");
  const runs = await listRuns({ actor, engagementId: engagement.id });
  // Client users have no findings screen at all.
  const stats = can(actor.role, "finding.read") ? await findingStats({ actor, engagementId: engagement.id }) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={engagement.name}
        subtitle={
          <span className="flex items-center gap-2">
            {client.name} · <EngagementStatusBadge status={engagement.status} />
            {engagement.archivedAt && <Badge>archived</Badge>}
          </span>
        }
        actions={
          <>
            <Link href={`/engagements/${engagement.id}/reports`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-slate-50">Reports</Link>
            <Link href={`/engagements/${engagement.id}/hardening`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-slate-50">Hardening</Link>
            {can(actor.role, "run.read") && <Link href={`/engagements/${engagement.id}/drift`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-slate-50">Drift</Link>}
            {canWrite && (
            <>
              <Link href={`/engagements/${engagement.id}/edit`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-slate-50">Edit</Link>
              <InlineAction action={archiveEngagementAction.bind(null, engagement.id)} fields={{ archived: engagement.archivedAt ? "false" : "true" }} label={engagement.archivedAt ? "Restore" : "Archive"} />
            </>
            )}
          </>
        }
      />
      {engagement.scope && (
        <Section title="Scope">
          <p className="whitespace-pre-wrap text-sm text-slate-700">{engagement.scope}</p>
        </Section>
      )}

      {stats && (
        <Section title="Findings" id="findings">
          <FindingsOverview stats={stats} engagementId={engagement.id} />
        </Section>
      )}

      {canHosts && (
        <Section title={`Hosts (${hosts.length})`} id="hosts">
          <div className="overflow-x-auto">
            <table className={tableClass}>
              <thead>
                <tr>
                  {canRun && <th className={thClass}><span className="sr-only">Select</span></th>}
                  <th className={thClass}>Label</th>
                  <th className={thClass}>Target</th>
                  <th className={thClass}>Exposure</th>
                  <th className={thClass}>Credential</th>
                  <th className={thClass}>Host key</th>
                  <th className={thClass}>Tags</th>
                  {canEditHosts && <th className={thClass}><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {hosts.map((h) => (
                  <tr key={h.id}>
                    {canRun && (
                      <td className={tdClass}>
                        <input type="checkbox" name="hostIds" value={h.id} form={RUN_FORM} aria-label={`Select ${h.label}`} />
                      </td>
                    )}
                    <td className={tdClass}>
                      <Link href={`/engagements/${engagement.id}/hosts/${h.id}`} className="text-sky-800 hover:underline">{h.label}</Link> {h.simulated && <Badge tone="violet">simulated</Badge>}
                    </td>
                    <td className={`${tdClass} font-mono text-xs`}>{h.username}@{h.address.includes(":") ? `[${h.address}]` : h.address}:{h.port}</td>
                    <td className={tdClass}><Badge tone={h.exposure === "INTERNET" ? "amber" : "slate"}>{h.exposure.toLowerCase()}</Badge></td>
                    <td className={tdClass}>{h.credential?.label ?? <span className="text-slate-400">none</span>}</td>
                    <td className={`${tdClass} font-mono text-xs`}>
                      {h.hostKeyFingerprint ?? <span className="font-sans text-slate-400">not pinned</span>}
                      {h.hostKeyFingerprint && !h.hostKeyApprovedAt && <span className="ml-1 font-sans"><Badge tone="amber">unapproved</Badge></span>}
                    </td>
                    <td className={tdClass}>{h.tags.join(", ")}</td>
                    {canEditHosts && (
                      <td className={`${tdClass} text-right`}>
                        <Link href={`/engagements/${engagement.id}/hosts/${h.id}/edit`} className="text-sky-700 hover:underline">Edit</Link>
                      </td>
                    )}
                  </tr>
                ))}
                {hosts.length === 0 && (
                  <tr><td colSpan={8} className="px-3 py-6 text-center text-slate-500">No hosts yet.</td></tr>
                )}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      {can(actor.role, "run.read") && (
        <Section title="Audits" id="audits">
          <p className="mb-3 text-sm"><Link href={`/engagements/${engagement.id}/schedule`} className="text-sky-700 hover:underline">Schedule and notifications</Link></p>
          {canRun && hosts.length > 0 && (
            <div className="mb-4">
              <StartRunForm action={startRunAction.bind(null, engagement.id)} formId={RUN_FORM} />
              <p className="mt-2 text-xs text-slate-500">Discovery and forensics are read-only: nothing on the hosts is changed.</p>
              <div className="mt-3"><StartVerificationButton engagementId={engagement.id} /></div>
            </div>
          )}
          <ul className="divide-y divide-slate-100 text-sm">
            {runs.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link href={`/engagements/${engagement.id}/runs/${r.id}`} className="text-sky-800 hover:underline">{r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Link>
                <RunStatusBadge status={r.status} />
                {r.trigger === "SCHEDULE" && <Badge tone="violet">scheduled</Badge>}
                {r.kind === "VERIFICATION" && <Badge tone="emerald">verification</Badge>}
                <span className="text-slate-600">{r._count.hostRuns} hosts{r.statusCounts.FAILED ? `, ${r.statusCounts.FAILED} failed` : ""} · by {r.startedBy.name}</span>
              </li>
            ))}
            {runs.length === 0 && <li className="py-2 text-slate-500">No audits yet.</li>}
          </ul>
        </Section>
      )}

      {canEditHosts && (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Section title="Add a host" id="add-host">
            <HostForm action={addHostAction.bind(null, engagement.id)} credentials={credentials} submitLabel="Add host" />
          </Section>
          <Section title="Import hosts" id="import-hosts">
            <HostImportForm action={importHostsAction.bind(null, engagement.id)} credentials={credentials} />
          </Section>
        </div>
      )}

      {canCredentials && (
        <Section title="SSH credentials" id="credentials">
          <ul className="mb-6 divide-y divide-slate-100 text-sm">
            {credentials.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-medium">{c.label}</span>
                <Badge>{c.kind === "PRIVATE_KEY" ? "key" : "password"}</Badge>
                <span className="text-slate-600">user {c.username}</span>
                {c.fingerprint && <code className="text-xs text-slate-700">{c.fingerprint}</code>}
                <span className="text-slate-500">{c._count.hosts} host{c._count.hosts === 1 ? "" : "s"}</span>
                <span className="ml-auto"><InlineAction action={deleteCredentialAction.bind(null, c.id)} label="Delete" variant="danger" /></span>
              </li>
            ))}
            {credentials.length === 0 && <li className="py-2 text-slate-500">No credentials stored.</li>}
          </ul>
          <CredentialForm action={storeCredentialAction.bind(null, engagement.id)} />
        </Section>
      )}

      <Section title="Members" id="members">
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {members.map((m) => (
            <li key={m.user.id} className="flex items-center gap-3 py-2">
              <span className="font-medium">{m.user.name}</span>
              <span className="text-slate-600">{m.user.email}</span>
              <Badge>{m.user.role.toLowerCase()}</Badge>
              {m.user.disabled && <Badge tone="red">disabled</Badge>}
              {canMembers && m.user.id !== actor.id && (
                <span className="ml-auto"><InlineAction action={removeMemberAction.bind(null, engagement.id)} fields={{ userId: m.user.id }} label="Remove" /></span>
              )}
            </li>
          ))}
        </ul>
        {canMembers && <MemberForm action={addMemberAction.bind(null, engagement.id)} />}
      </Section>
    </div>
  );
}
