// SMTP: a 220 greeting, then EHLO to see what the server offers (STARTTLS, AUTH mechanisms),
// then QUIT. Nothing is sent that could deliver mail.
import type { TProbeContext, TProbeLink } from "./context";
import { firstLine } from "./text";

// A reply is whole when its last line has a space after the code ("250 HELP").
export const smtpReplyComplete = (b: Buffer) => /(^|\n)\d{3} [^\n]*\n$|(^|\n)\d{3}\r?\n$/.test(b.toString("latin1"));

export async function probeSmtp(ctx: TProbeContext, link: TProbeLink, greeting: Buffer): Promise<boolean> {
  const p = ctx.probe;
  const banner = firstLine(greeting);
  const r = await ctx.talk(link, "EHLO palisade-probe.invalid", { send: "EHLO palisade-probe.invalid\r\n", timeoutMs: ctx.limits.requestMs, complete: smtpReplyComplete });
  const reply = r.bytes.toString("latin1");
  const ehlo = /^250[ -]/.test(reply);
  if (!ehlo && !/smtp|mail/i.test(banner)) return false;
  p.protocol = "smtp";
  p.banner = banner;
  if (ehlo) {
    const lines = reply.split(/\r?\n/).map((l) => l.slice(4).trim());
    p.details.starttls = lines.some((l) => /^STARTTLS\b/i.test(l)) ? "offered" : "not offered";
    const auth = lines.find((l) => /^AUTH[ =]/i.test(l));
    p.details.auth = auth ? auth.slice(5).trim() : "not offered";
  }
  await ctx.talk(link, "QUIT", { send: "QUIT\r\n", timeoutMs: Math.min(ctx.limits.requestMs, 1000), complete: smtpReplyComplete });
  return true;
}
