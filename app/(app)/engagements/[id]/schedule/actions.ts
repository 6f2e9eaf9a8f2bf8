"use server";

import { z } from "zod";
import { removeSchedule } from "@/lib/domain/schedules/remove-schedule";
import { setSchedule } from "@/lib/domain/schedules/set-schedule";
import { setScheduleEnabled } from "@/lib/domain/schedules/set-schedule-enabled";
import { createWebhook } from "@/lib/domain/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/domain/webhooks/delete-webhook";
import { setWebhookEnabled } from "@/lib/domain/webhooks/set-webhook-enabled";
import { testWebhook } from "@/lib/domain/webhooks/test-webhook";
import { formActionFor } from "@/lib/server/action";
import { ZScheduleInput, ZWebhookInput } from "@/lib/validation/schedule-schemas";

const ZNothing = z.object({});
const when = (d: Date, timeZone: string) => `${d.toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" })}`;

export const setScheduleAction = formActionFor(ZScheduleInput, async ({ actor, data, id }) => {
  const { schedule, next } = await setSchedule({ actor, engagementId: id, input: data });
  return { ok: true, message: `Scheduled. Next audits (${schedule.timeZone}): ${next.map((d) => when(d, schedule.timeZone)).join("; ")}.` };
});

export const removeScheduleAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await removeSchedule({ actor, engagementId: id });
  return { ok: true, message: "Schedule removed: no more scheduled audits." };
});

export const pauseScheduleAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await setScheduleEnabled({ actor, engagementId: id, enabled: false });
  return { ok: true, message: "Schedule paused: no scheduled audits until it is resumed." };
});

export const resumeScheduleAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await setScheduleEnabled({ actor, engagementId: id, enabled: true });
  return { ok: true, message: "Schedule resumed." };
});

// The signing secret is in this one message and nowhere else, ever.
export const createWebhookAction = formActionFor(ZWebhookInput, async ({ actor, data, id }) => {
  const { secret } = await createWebhook({ actor, engagementId: id, input: data });
  return { ok: true, message: `Webhook added. Copy its signing secret now, it is not shown again: ${secret}` };
});

export const deleteWebhookAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await deleteWebhook({ actor, webhookId: id });
  return { ok: true, message: "Webhook deleted." };
});

export const disableWebhookAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await setWebhookEnabled({ actor, webhookId: id, enabled: false });
  return { ok: true, message: "Webhook disabled: it gets no notifications until it is enabled." };
});

export const enableWebhookAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await setWebhookEnabled({ actor, webhookId: id, enabled: true });
  return { ok: true, message: "Webhook enabled." };
});

export const testWebhookAction = formActionFor(ZNothing, async ({ actor, id }) => {
  const result = await testWebhook({ actor, webhookId: id });
  return result.ok ? { ok: true, message: `Ping delivered: HTTP ${result.status}.` } : { ok: false, message: `Ping not delivered: ${result.error}` };
});
