// memcached: `stats` answers STAT lines to anyone when SASL is off (the text protocol has no
// authentication at all).
import type { TOpener, TProbeContext } from "./context";
import { firstLine } from "./text";

const statsComplete = (b: Buffer) => {
  const t = b.toString("latin1");
  return /(^|\n)END\r?\n$/.test(t) || /^(ERROR|CLIENT_ERROR|SERVER_ERROR)[^\n]*\n/.test(t);
};

export async function probeMemcached(ctx: TProbeContext, open: TOpener): Promise<boolean> {
  const p = ctx.probe;
  const link = await open();
  try {
    const r = await ctx.talk(link, "stats", { send: "stats\r\n", timeoutMs: ctx.limits.datastoreMs, complete: statsComplete, idleMs: 300 });
    const text = r.bytes.toString("latin1");
    if (/^STAT /m.test(text)) {
      p.protocol = "memcached";
      p.authRequired = false;
      p.banner = firstLine(r.bytes);
      const version = /^STAT version (\S+)/m.exec(text)?.[1];
      if (version) p.details.version = version;
      return true;
    }
    if (/^CLIENT_ERROR .*auth/im.test(text)) {
      p.protocol = "memcached";
      p.authRequired = true;
      p.banner = firstLine(r.bytes);
      return true;
    }
    return false;
  } finally {
    link.close();
  }
}
