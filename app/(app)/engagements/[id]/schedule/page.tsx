import type { Metadata } from "next";
import Link from "next/link";
import { getEngagementSummary } from "@/lib/domain/engagements/get-engagement-summary";
import { getSchedule } from "@/lib/domain/schedules/get-schedule";
import { listWebhooks } from "@/lib/domain/webhooks/list-webhooks";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { InlineAction } from "@/components/inline-action";
import { ScheduleForm, WebhookForm } from "@/components/schedule-forms";
import { Badge, type TTone } from "@/components/ui/badge";
import { PageHeader, Section, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import {
  createWebhookAction,
  deleteWebhookAction,
  disableWebhookAction,
  enableWebhookAction,
  pauseScheduleAction,
  removeScheduleAction,
  resumeScheduleAction,
  setScheduleAction,
  testWebhookAction,
} from "./actions";

export const metadata: Metadata = { title: "Schedule and notifications" };

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;
// Intl refuses weekday together with dateStyle, so the parts are spelled out.
const local = (d: Date, timeZone: string) => d.toLocaleString("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const deliveryTone: Record<string, TTone> = { PENDING: "sky", DELIVERED: "emerald", FAILED: "red" };

export default async function SchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const engagement = await orNotFound(getEngagementSummary({ actor, engagementId: id }));
  const current = await getSchedule({ actor, engagementId: id });
  const webhooks = await listWebhooks({ actor, engagementId: id });
  const canSchedule = can(actor.role, "schedule.write");
  const canWebhooks = can(actor.role, "webhook.write");

  return (
    <div className="space-y-6">
      <PageHeader
        title="Schedule and notifications"
        subtitle={<Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">{engagement.name}</Link>}
      />

      <Section title="Scheduled audits" id="schedule">
        {current ? (
          <div className="mb-6 space-y-2 text-sm">
            <p>
              <code className="rounded bg-slate-100 px-1.5 py-0.5">{current.schedule.cron}</code> in <strong>{current.schedule.timeZone}</strong>, set by {current.schedule.createdBy.name}; scheduled runs are started as them.
              {!current.schedule.enabled && <> <Badge tone="amber">paused</Badge></>}
            </p>
            {current.schedule.enabled ? (
              <div>
                <p className="font-medium text-slate-800">Next audits</p>
                <ol className="mt-1 list-decimal pl-5 text-slate-700" aria-label="Next fire times">
                  {current.next.map((d) => (
                    <li key={d.toISOString()}>{local(d, current.schedule.timeZone)} <span className="text-slate-500">({utc(d)})</span></li>
                  ))}
                </ol>
              </div>
            ) : (
              <p className="text-slate-600">Paused: nothing fires until it is resumed (setting the schedule again also resumes it).</p>
            )}
            {current.schedule.lastFiredAt && (
              <p className="text-slate-600">
                Last fired {utc(current.schedule.lastFiredAt)}
                {current.schedule.lastRunId && <> · <Link href={`/engagements/${id}/runs/${current.schedule.lastRunId}`} className="text-sky-700 hover:underline">last scheduled run</Link></>}
              </p>
            )}
            {canSchedule && (
              <div className="flex flex-wrap gap-2">
                {current.schedule.enabled ? (
                  <InlineAction action={pauseScheduleAction.bind(null, id)} label="Pause schedule" />
                ) : (
                  !engagement.archivedAt && <InlineAction action={resumeScheduleAction.bind(null, id)} label="Resume schedule" variant="primary" />
                )}
                <InlineAction action={removeScheduleAction.bind(null, id)} label="Remove schedule" variant="danger" />
              </div>
            )}
          </div>
        ) : (
          <p className="mb-4 text-sm text-slate-600">No schedule: audits run only when someone starts them.</p>
        )}
        {canSchedule && !engagement.archivedAt && <ScheduleForm action={setScheduleAction.bind(null, id)} cron={current?.schedule.cron} timeZone={current?.schedule.timeZone} />}
        <p className="mt-3 text-xs text-slate-500">A firing is skipped (and logged) while a run of this engagement is still in progress or the engagement is archived. Each scheduled run is reviewed like any other.</p>
      </Section>

      {canWebhooks && (
        <Section title="Notifications" id="webhooks">
          <p className="mb-4 text-sm text-slate-600">
            When a run ends with new Critical or High findings or drift from a baseline, each webhook gets a signed POST (retried with backoff). Payloads carry titles, counts and a link, never evidence or secrets.
          </p>
          <ul className="mb-6 space-y-4">
            {webhooks.map((w) => (
              <li key={w.id} className="rounded-lg border border-slate-200 p-4">
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <code className="break-all">{w.url}</code>
                  <Badge tone={w.format === "SLACK" ? "violet" : "slate"}>{w.format === "SLACK" ? "Slack" : "generic"}</Badge>
                  {!w.enabled && <Badge tone="amber">disabled</Badge>}
                  <span className="ml-auto flex gap-2">
                    <InlineAction action={testWebhookAction.bind(null, w.id)} label="Send test ping" />
                    {w.enabled ? (
                      <InlineAction action={disableWebhookAction.bind(null, w.id)} label="Disable" />
                    ) : (
                      <InlineAction action={enableWebhookAction.bind(null, w.id)} label="Enable" variant="primary" />
                    )}
                    <InlineAction action={deleteWebhookAction.bind(null, w.id)} label="Delete" variant="danger" />
                  </span>
                </div>
                <table className={`${tableClass} mt-3`} aria-label="Last deliveries">
                  <thead>
                    <tr>
                      <th className={thClass}>Created</th>
                      <th className={thClass}>Run</th>
                      <th className={thClass}>Status</th>
                      <th className={thClass}>Attempts</th>
                      <th className={thClass}>Answer</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {w.deliveries.map((d) => (
                      <tr key={d.id}>
                        <td className={tdClass}>{utc(d.createdAt)}</td>
                        <td className={tdClass}><Link href={`/engagements/${id}/runs/${d.runId}`} className="text-sky-700 hover:underline">run</Link></td>
                        <td className={tdClass}><Badge tone={deliveryTone[d.status] ?? "slate"}>{d.status.toLowerCase()}</Badge></td>
                        <td className={tdClass}>{d.attempts}</td>
                        <td className={`${tdClass} text-slate-700`}>{d.responseStatus ? `HTTP ${d.responseStatus}` : ""}{d.lastError ? ` ${d.lastError}` : ""}</td>
                      </tr>
                    ))}
                    {w.deliveries.length === 0 && <tr><td colSpan={5} className="px-3 py-3 text-slate-500">No deliveries yet.</td></tr>}
                  </tbody>
                </table>
              </li>
            ))}
            {webhooks.length === 0 && <li className="text-sm text-slate-500">No webhooks.</li>}
          </ul>
          <WebhookForm action={createWebhookAction.bind(null, id)} />
        </Section>
      )}
    </div>
  );
}
