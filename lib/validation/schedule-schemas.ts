import { z } from "zod";

// The schedule form: its cron expression and time zone are checked in depth
// by lib/schedules/cron.ts (inside setSchedule), these only bound the input.
export const ZScheduleInput = z.object({
  cron: z.string({ error: "Cron expression must be text" }).trim().min(1, "Cron expression is required").max(120, "Cron expression must be at most 120 characters"),
  timeZone: z.string({ error: "Time zone must be text" }).trim().min(1, "Time zone is required").max(64, "Time zone must be at most 64 characters"),
});
export type TScheduleInput = z.output<typeof ZScheduleInput>;

// Where a notification may be POSTed: http(s) only, and no user:password in
// the URL (it would be stored and shown in the clear; the HMAC secret is the
// credential). Other schemes (file:, ftp:, javascript:) are refused outright.
export const ZWebhookUrl = z
  .string({ error: "URL must be text" })
  .trim()
  .min(1, "URL is required")
  .max(2000, "URL must be at most 2000 characters")
  .refine((u) => URL.canParse(u), "URL must be an absolute URL such as https://hooks.example.com/palisade")
  .refine((u) => !URL.canParse(u) || ["http:", "https:"].includes(new URL(u).protocol), "URL must start with http:// or https://")
  .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), "URL must not contain a user name or password; the signing secret authenticates Palisade");

// A supplied secret must be hard to guess; leave it empty to have one generated.
const ZSuppliedSecret = z
  .string({ error: "Secret must be text" })
  .max(256, "Secret must be at most 256 characters")
  .refine((s) => s === "" || s.length >= 24, "Secret must be at least 24 characters (or leave it empty to have one generated)")
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), "Secret must not contain control characters")
  .default("");

export const ZWebhookInput = z.object({
  url: ZWebhookUrl,
  format: z.enum(["GENERIC", "SLACK"], { error: "Format must be GENERIC or SLACK" }).default("GENERIC"),
  secret: ZSuppliedSecret,
});
export type TWebhookInput = z.output<typeof ZWebhookInput>;
