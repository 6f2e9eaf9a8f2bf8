// PostgreSQL: an SSLRequest is answered with one byte, S or N. Then a startup message for a
// user that should not exist (palisade_probe) learns how the server would authenticate it,
// without ever answering: trust (AuthenticationOk, or "role does not exist" after it), a
// password method (md5, SCRAM), or a pg_hba.conf rejection.
import type { TOpener, TProbeContext, TProbeLink } from "./context";
import { handshake } from "./tls";

export const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);
export const PROBE_USER = "palisade_probe";

export function startupMessage(user: string, database: string): Buffer {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from(`user\0${user}\0database\0${database}\0application_name\0palisade-probe\0\0`, "utf8")]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
}

// One backend message (type byte, int32 length counting itself) is whole.
const messageComplete = (b: Buffer) => b.length >= 5 && b.length >= 1 + b.readUInt32BE(1);

const AUTH_METHODS: Record<number, string> = { 2: "kerberos-v5", 3: "password (cleartext)", 5: "md5", 7: "gss", 9: "sspi", 10: "sasl" };

export type TStartupAnswer = { authRequired: boolean | null; method: string | null; error: string | null };

export function readStartupAnswer(b: Buffer): TStartupAnswer | null {
  if (!messageComplete(b)) return null;
  const type = String.fromCharCode(b[0]!);
  const payload = b.subarray(5, 1 + b.readUInt32BE(1));
  if (type === "R" && payload.length >= 4) {
    const code = payload.readUInt32BE(0);
    if (code === 0) return { authRequired: false, method: "trust", error: null };
    let method = AUTH_METHODS[code] ?? `auth code ${code}`;
    if (code === 10) {
      const mechanisms = payload.subarray(4).toString("utf8").split("\0").filter(Boolean);
      if (mechanisms.length > 0) method = mechanisms.map((m) => m.toLowerCase()).join(", ");
    }
    return { authRequired: true, method, error: null };
  }
  if (type === "E") {
    const fields = new Map<string, string>();
    for (let i = 0; i < payload.length && payload[i] !== 0; ) {
      const end = payload.indexOf(0, i + 1);
      if (end === -1) break;
      fields.set(String.fromCharCode(payload[i]!), payload.subarray(i + 1, end).toString("utf8"));
      i = end + 1;
    }
    const message = fields.get("M") ?? "error";
    const error = `${fields.get("S") ?? "ERROR"} ${fields.get("C") ?? ""}: ${message}`.replace(/ :/, ":");
    // Authentication passed (trust) and only then did the role or database fail to exist.
    if (/role .* does not exist|database .* does not exist/.test(message)) return { authRequired: false, method: "trust", error };
    if (/pg_hba\.conf|authentication failed|password/i.test(message) || fields.get("C")?.startsWith("28")) return { authRequired: true, method: null, error };
    return { authRequired: null, method: null, error };
  }
  return null;
}

async function startup(ctx: TProbeContext, link: TProbeLink, label: string): Promise<TStartupAnswer | null> {
  const r = await ctx.talk(link, label, { send: startupMessage(PROBE_USER, "postgres"), timeoutMs: ctx.limits.datastoreMs, complete: messageComplete });
  return readStartupAnswer(r.bytes);
}

function apply(ctx: TProbeContext, a: TStartupAnswer | null, over: string) {
  if (!a) return;
  const p = ctx.probe;
  p.authRequired = a.authRequired;
  if (a.method) p.details.authMethod = a.method;
  if (a.error) p.details.startupAnswer = a.error;
  p.details.startupOver = over;
}

export async function probePostgres(ctx: TProbeContext, open: TOpener): Promise<boolean> {
  const p = ctx.probe;
  const label = `StartupMessage user=${PROBE_USER} database=postgres`;
  const link = await open();
  try {
    const r = await ctx.talk(link, "SSLRequest", { send: SSL_REQUEST, timeoutMs: ctx.limits.datastoreMs, complete: (b) => b.length >= 1, idleMs: 100 });
    const answer = r.bytes.length === 1 ? String.fromCharCode(r.bytes[0]!) : null;
    if (answer !== "S" && answer !== "N") return false;
    p.protocol = "postgresql";
    p.details.ssl = answer === "S" ? "offered" : "not offered";
    if (answer === "N") {
      apply(ctx, await startup(ctx, link, label), "plaintext");
      return true;
    }
    const hs = await handshake(link.stream, ctx.wait(ctx.limits.tlsMs), ctx.limits.maxBytes);
    ctx.transcript.sent("TLS ClientHello");
    if (!hs.ok) {
      ctx.transcript.note(link.id, link.where, `> TLS ClientHello: ${hs.reason}`);
    } else {
      ctx.transcript.note(link.id, link.where, `> TLS ClientHello: ${hs.info.protocol ?? "TLS"} handshake; certificate subject "${hs.info.subject ?? ""}", issuer "${hs.info.issuer ?? ""}"`);
      p.tls = hs.info;
      Object.assign(p.details, hs.details);
      const secure: TProbeLink = { ...link, stream: hs.socket, tls: true };
      apply(ctx, await startup(ctx, secure, `${label} over TLS`), "tls");
      hs.socket.destroy();
    }
  } finally {
    link.close();
  }
  // TLS on offer says nothing of whether plaintext is still accepted: ask without it too.
  const plain = await open();
  try {
    const a = await startup(ctx, plain, label);
    if (a) {
      p.details.plaintextStartup = a.error ?? (a.method ? `accepted (${a.method})` : "accepted");
      if (p.details.startupOver !== "tls") apply(ctx, a, "plaintext");
      else if (a.authRequired === false) p.authRequired = false;
    }
  } finally {
    plain.close();
  }
  return true;
}
