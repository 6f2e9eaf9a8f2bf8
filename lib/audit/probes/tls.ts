// Does the listener speak TLS, and with which certificate? A handshake over the forwarded
// stream (node:tls), verifying nothing: the point is to see what a client would be shown.
import type { Duplex } from "node:stream";
import tls, { type TLSSocket } from "node:tls";
import type { X509Certificate } from "node:crypto";
import type { TTlsInfo } from "../classification-types";
import type { TOpener, TProbeContext, TProbeLink } from "./context";

export type THandshake =
  | { ok: true; socket: TLSSocket; info: TTlsInfo; details: Record<string, string> }
  // alert: the peer speaks TLS but ended the handshake (client certificate required, no shared
  // protocol version...); otherwise it is not TLS, or said nothing.
  | { ok: false; alert: boolean; reason: string; peerBytes: Buffer };

const oneLine = (dn: string) =>
  dn
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .join(", ");

function isoDate(text: string): string | null {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function tlsInfoOf(cert: X509Certificate | undefined, protocol: string | null): { info: TTlsInfo; details: Record<string, string> } {
  if (!cert) return { info: { subject: null, issuer: null, validTo: null, selfSigned: false, protocol }, details: {} };
  let selfSigned = false;
  try {
    selfSigned = cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    selfSigned = cert.subject === cert.issuer;
  }
  const details: Record<string, string> = { tlsFingerprint256: cert.fingerprint256 };
  const validFrom = isoDate(cert.validFrom);
  if (validFrom) details.tlsValidFrom = validFrom;
  if (cert.subjectAltName) details.tlsSubjectAltName = cert.subjectAltName;
  return { info: { subject: oneLine(cert.subject) || null, issuer: oneLine(cert.issuer) || null, validTo: isoDate(cert.validTo), selfSigned, protocol }, details };
}

// OpenSSL's words for "the peer answered, but not with TLS".
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|record layer failure|http request|bad record/i;

export function handshake(stream: Duplex, timeoutMs: number, maxBytes: number): Promise<THandshake> {
  return new Promise((resolve) => {
    const peer: Buffer[] = [];
    let peerSize = 0;
    // Whatever the peer sends before the handshake completes, to show when it was not TLS.
    const tap = (d: Buffer) => {
      if (peerSize < maxBytes) peer.push(d.subarray(0, maxBytes - peerSize));
      peerSize += d.length;
    };
    stream.on("data", tap);
    let settled = false;
    const socket = tls.connect({
      socket: stream as never,
      rejectUnauthorized: false,
      servername: "localhost",
      // Old servers must still be seen (and reported) for what they offer.
      minVersion: "TLSv1",
      ciphers: "DEFAULT:@SECLEVEL=0",
    });
    const done = (r: THandshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener("data", tap);
      if (!r.ok) socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, alert: false, reason: `no TLS handshake within ${timeoutMs} ms`, peerBytes: Buffer.concat(peer) }), timeoutMs);
    socket.once("secureConnect", () => {
      const { info, details } = tlsInfoOf(socket.getPeerX509Certificate(), socket.getProtocol());
      const cipher = socket.getCipher()?.name;
      if (cipher) details.tlsCipher = cipher;
      done({ ok: true, socket, info, details });
    });
    // `on`, not `once`: a failing handshake may report more than one error.
    socket.on("error", (err: Error & { code?: string; reason?: string }) => {
      const bytes = Buffer.concat(peer);
      // OpenSSL's message starts with a per-thread id ("802C690E1A7F0000:error:0A00010B:SSL
      // routines:..."); its reason ("wrong version number") is what matters and is stable.
      const message = err.reason ? `${err.reason}${err.code ? ` [${err.code}]` : ""}` : `${err.message}${err.code && !err.message.includes(err.code) ? ` [${err.code}]` : ""}`;
      if (/alert/i.test(message) || /ALERT/.test(err.code ?? "")) done({ ok: false, alert: true, reason: `the peer ended the TLS handshake: ${message}`, peerBytes: bytes });
      else if (NOT_TLS.test(message) || bytes.length > 0) done({ ok: false, alert: false, reason: `not TLS: ${message}`, peerBytes: bytes });
      else done({ ok: false, alert: false, reason: `the peer closed during the TLS handshake: ${message}`, peerBytes: bytes });
    });
    socket.once("close", () => done({ ok: false, alert: false, reason: "the peer closed during the TLS handshake", peerBytes: Buffer.concat(peer) }));
  });
}

// A TLS connection on a fresh forwarded channel, recorded. Returns the failure when there is none.
export async function openTlsLink(ctx: TProbeContext): Promise<{ link: TProbeLink; hs: THandshake & { ok: true } } | { link: null; hs: THandshake & { ok: false } }> {
  const raw = await ctx.open();
  const ms = ctx.wait(ctx.limits.tlsMs);
  ctx.transcript.sent("TLS ClientHello");
  const hs = await handshake(raw.stream, ms, ctx.limits.maxBytes);
  if (!hs.ok) {
    if (hs.peerBytes.length === 0) ctx.transcript.note(raw.id, raw.where, `> TLS ClientHello: ${hs.reason}`);
    else ctx.transcript.received(raw.id, raw.where, "TLS ClientHello", { bytes: hs.peerBytes, end: "error", error: hs.reason, ms: 0 }, ms);
    raw.close();
    return { link: null, hs };
  }
  const i = hs.info;
  ctx.transcript.note(raw.id, raw.where, `> TLS ClientHello: ${i.protocol ?? "TLS"} handshake; certificate subject "${i.subject ?? ""}", issuer "${i.issuer ?? ""}", valid to ${i.validTo ?? "?"}${i.selfSigned ? ", self-signed" : ""}, sha256 ${hs.details.tlsFingerprint256 ?? "?"}`);
  const link: TProbeLink = {
    id: raw.id,
    where: raw.where,
    stream: hs.socket,
    tls: true,
    close() {
      hs.socket.destroy();
      raw.close();
    },
  };
  return { link, hs };
}

// Every further connection over TLS, once the listener is known to speak it.
export function tlsOpener(ctx: TProbeContext): TOpener {
  return async () => {
    const r = await openTlsLink(ctx);
    if (!r.link) throw new Error(`TLS handshake failed on a later connection: ${r.hs.reason}`);
    return r.link;
  };
}
