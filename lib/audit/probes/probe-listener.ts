// What one listener speaks, step by step, each step on a forwarded connection:
//   1. wait briefly for a greeting (SSH, SMTP, MySQL speak first);
//   2. a plaintext HTTP/1.0 GET / on the same connection; a real HTTP answer settles it, and any
//      other plaintext answer means the port speaks plaintext (so not TLS);
//   3. a TLS ClientHello where step 2 was inconclusive (HTTP 400, a TLS record, a closed
//      connection), then HTTP over TLS;
//   4. the datastore pings (Redis, memcached, PostgreSQL, MongoDB), the likeliest first.
// Plaintext is tried before TLS on purpose: a port that accepts plaintext is the fact that
// matters, and a plaintext answer spares a handshake against every non-TLS service.
import type { TExchangeResult } from "./exchange";
import { isFatal, type TOpener, type TProbeContext, type TProbeLink } from "./context";
import { IDENTIFY_REQUEST, probeHttpService } from "./http";
import { httpComplete, looksLikeHttp, parseHttpResponse } from "./http-response";
import { probeMemcached } from "./memcached";
import { probeMongo } from "./mongodb";
import { applyMysqlGreeting, parseMysqlGreeting } from "./mysql";
import { probePostgres } from "./postgres";
import { probeRedis } from "./redis";
import { applySshBanner, parseSshBanner } from "./ssh";
import { probeSmtp } from "./smtp";
import { firstLine, startsWith } from "./text";
import { openTlsLink, tlsInfoOf, tlsOpener } from "./tls";

type TPlainVerdict = "http" | "http-400" | "mongodb-over-http" | "tls-record" | "closed" | "silent" | "text";

function verdictOf(r: TExchangeResult): TPlainVerdict {
  const b = r.bytes;
  if (b.length === 0) return r.end === "timeout" ? "silent" : "closed";
  if (looksLikeHttp(b)) {
    if (b.includes("MongoDB over HTTP")) return "mongodb-over-http";
    return parseHttpResponse(b)?.status === 400 ? "http-400" : "http";
  }
  // A TLS record (handshake 0x16 or alert 0x15, version 3.x) in answer to plaintext.
  if ((b[0] === 0x15 || b[0] === 0x16) && b[1] === 0x03) return "tls-record";
  return "text";
}

type TDatastore = "redis" | "memcached" | "postgresql" | "mongodb";

// Which datastore to ask first, from how the port answered the plaintext GET.
export function datastoreOrder(answer: Buffer, closed: boolean): TDatastore[] {
  const text = answer.subarray(0, 32).toString("latin1");
  if (/^(ERROR|CLIENT_ERROR|SERVER_ERROR)/.test(text)) return ["memcached", "redis", "postgresql", "mongodb"];
  if (/^[-+$*:]/.test(text)) return ["redis", "memcached", "postgresql", "mongodb"];
  if ((text[0] === "E" || text[0] === "R") && answer.length >= 5 && answer.readUInt32BE(1) < 4096) return ["postgresql", "redis", "memcached", "mongodb"];
  // PostgreSQL and MongoDB close on an HTTP request (an absurd message length); Redis and
  // memcached answer it line by line.
  if (closed) return ["postgresql", "mongodb", "redis", "memcached"];
  return ["redis", "memcached", "postgresql", "mongodb"];
}

async function tryDatastores(ctx: TProbeContext, open: TOpener, order: TDatastore[]): Promise<boolean> {
  for (const kind of order) {
    try {
      if (kind === "redis") {
        const r = await probeRedis(ctx, open);
        if (r === "redis") return true;
        if (r === "memcached" && (await probeMemcached(ctx, open))) return true;
      } else if (kind === "memcached") {
        if (await probeMemcached(ctx, open)) return true;
      } else if (kind === "postgresql") {
        if (await probePostgres(ctx, open)) return true;
      } else if (await probeMongo(ctx, open)) return true;
    } catch (err) {
      if (isFatal(err)) throw err;
    }
  }
  return false;
}

const looksLikeGreeting = (b: Buffer) => parseSshBanner(b) !== null || parseMysqlGreeting(b) !== null || /^220[ -]/.test(b.subarray(0, 4).toString("latin1"));

async function identifyGreeting(ctx: TProbeContext, link: TProbeLink, greeting: Buffer): Promise<void> {
  const p = ctx.probe;
  const ssh = parseSshBanner(greeting);
  if (ssh) return applySshBanner(p, ssh);
  const mysql = parseMysqlGreeting(greeting);
  if (mysql) return applyMysqlGreeting(p, mysql);
  if (startsWith(greeting, "220") && (await probeSmtp(ctx, link, greeting))) return;
  p.banner = firstLine(greeting);
}

export async function identifyListener(ctx: TProbeContext): Promise<void> {
  const p = ctx.probe;
  const first = await ctx.open();
  const greeting = await ctx.talk(first, "(nothing sent: waiting for a greeting)", { timeoutMs: ctx.limits.greetingMs, idleMs: 200 });
  if (greeting.bytes.length > 0) {
    try {
      await identifyGreeting(ctx, first, greeting.bytes);
    } finally {
      first.close();
    }
    return;
  }

  let plainLink = first;
  if (greeting.end !== "timeout") {
    first.close();
    plainLink = await ctx.open();
  }
  const plain = await ctx.talk(plainLink, "GET / HTTP/1.0", { send: IDENTIFY_REQUEST, timeoutMs: ctx.limits.identifyMs, complete: httpComplete, idleMs: 300 });
  plainLink.close();
  const verdict = verdictOf(plain);
  if (verdict === "http") return probeHttpService(ctx, ctx.open);
  if (verdict === "mongodb-over-http") {
    p.protocol = "mongodb";
    p.banner = firstLine(plain.bytes);
    await probeMongo(ctx, ctx.open).catch((err) => {
      if (isFatal(err)) throw err;
    });
    return;
  }
  if (verdict === "silent") {
    p.error = `no greeting within ${greeting.timeoutMs} ms and no answer to an HTTP request within ${plain.timeoutMs} ms: protocol unknown`;
    return;
  }

  // A greeting that came late, after our GET (an SMTP server pausing before its banner): wait
  // for it again on a fresh connection, longer this time.
  if (verdict === "text" && looksLikeGreeting(plain.bytes)) {
    const late = await ctx.open();
    try {
      const g = await ctx.talk(late, "(nothing sent: waiting longer for a greeting)", { timeoutMs: ctx.limits.requestMs, idleMs: 200 });
      if (g.bytes.length > 0) return await identifyGreeting(ctx, late, g.bytes);
    } finally {
      late.close();
    }
  }

  let hint = plain.bytes;
  if (verdict !== "text") {
    const t = await openTlsLink(ctx);
    if (t.link) {
      p.tls = t.hs.info;
      Object.assign(p.details, t.hs.details);
      const overTls = await ctx.talk(t.link, "GET / HTTP/1.0 over TLS", { send: IDENTIFY_REQUEST, timeoutMs: ctx.limits.identifyMs, complete: httpComplete, idleMs: 300 });
      t.link.close();
      if (looksLikeHttp(overTls.bytes)) return probeHttpService(ctx, tlsOpener(ctx));
      if (!(await tryDatastores(ctx, tlsOpener(ctx), datastoreOrder(overTls.bytes, overTls.bytes.length === 0 && overTls.end !== "timeout")))) {
        if (overTls.bytes.length > 0) p.banner = firstLine(overTls.bytes);
      }
      return;
    }
    if (t.hs.alert) {
      // It speaks TLS but would not finish a handshake with us (a client certificate required,
      // or no protocol version in common): nothing behind it can be seen.
      p.tls = tlsInfoOf(undefined, null).info;
      p.details.tlsAlert = t.hs.reason;
      return;
    }
    if (verdict === "http-400") return probeHttpService(ctx, ctx.open);
    // What it said to the ClientHello is the better hint (memcached closes on "GET ", but
    // answers binary garbage with ERROR lines).
    if (t.hs.peerBytes.length > 0) hint = t.hs.peerBytes;
  }

  if (await tryDatastores(ctx, ctx.open, datastoreOrder(hint, hint.length === 0 && verdict === "closed"))) return;
  if (hint.length > 0) p.banner = firstLine(hint);
  else p.error = "no greeting, and the port closed the connection on HTTP, TLS and datastore requests alike: protocol unknown";
}
