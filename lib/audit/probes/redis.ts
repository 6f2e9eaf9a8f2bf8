// Redis: PING answers +PONG when no password is set, -NOAUTH when one is. Then INFO server,
// read-only, for the version. Memcached answers the same PING with ERROR.
import type { TOpener, TProbeContext } from "./context";
import { firstLineComplete } from "./exchange";
import { firstLine } from "./text";

// A RESP bulk string ($N\r\n + N bytes + \r\n) or an error line is whole.
function bulkComplete(b: Buffer): boolean {
  const nl = b.indexOf("\r\n");
  if (nl === -1) return false;
  if (b[0] !== 0x24 /* $ */) return true;
  const n = Number(b.subarray(1, nl).toString("latin1"));
  return !Number.isFinite(n) || n < 0 || b.length >= nl + 2 + n + 2;
}

// A two-element array reply (CONFIG GET's), or an error line, is whole.
function arrayComplete(b: Buffer): boolean {
  const t = b.toString("latin1");
  return /^[-+]/.test(t) ? t.includes("\r\n") : /^\*0\r\n$|^\*2\r\n\$\d+\r\n[^\r]*\r\n\$\d+\r\n[^\r]*\r\n$/.test(t);
}

export type TRedisAnswer = "redis" | "memcached" | null;

export async function probeRedis(ctx: TProbeContext, open: TOpener): Promise<TRedisAnswer> {
  const p = ctx.probe;
  const link = await open();
  try {
    const r = await ctx.talk(link, "PING", { send: "PING\r\n", timeoutMs: ctx.limits.datastoreMs, complete: firstLineComplete, idleMs: 300 });
    const line = firstLine(r.bytes);
    if (/^ERROR\b/.test(line)) return "memcached";
    if (/^\+PONG/.test(line)) {
      p.protocol = "redis";
      p.authRequired = false;
      p.banner = line;
      const info = await ctx.talk(link, "INFO server", { send: "INFO server\r\n", timeoutMs: ctx.limits.requestMs, complete: bulkComplete });
      const text = info.bytes.toString("latin1");
      const version = /^redis_version:(\S+)/m.exec(text)?.[1];
      const mode = /^redis_mode:(\S+)/m.exec(text)?.[1];
      if (version) p.details.version = version;
      if (mode) p.details.mode = mode;
      // The probe connects from the host itself. In protected mode (no password, the default)
      // Redis serves loopback clients only and refuses everyone else, so +PONG here does not
      // mean +PONG for a remote client: say which it is. Read-only; renamed or refused is fine.
      const cfg = await ctx.talk(link, "CONFIG GET protected-mode", { send: "CONFIG GET protected-mode\r\n", timeoutMs: ctx.limits.requestMs, complete: arrayComplete, idleMs: 300 });
      const protectedMode = /\$14\r\nprotected-mode\r\n\$\d+\r\n(\w+)\r\n/.exec(cfg.bytes.toString("latin1"))?.[1];
      if (protectedMode) p.details.protectedMode = protectedMode;
      return "redis";
    }
    if (/^-NOAUTH\b/.test(line) || /^-DENIED\b/.test(line)) {
      p.protocol = "redis";
      p.authRequired = true;
      p.banner = line;
      // Protected mode: no password, but only loopback clients are served.
      if (/^-DENIED/.test(line)) p.details.protectedMode = "yes";
      return "redis";
    }
    return null;
  } finally {
    link.close();
  }
}
