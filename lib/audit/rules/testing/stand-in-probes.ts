// TEST DOUBLE. What a correct probe would report for each TCP listener of a captured lab host,
// read from the exchanges `lab capture` recorded (the same bytes the demo fleet's stand-ins
// replay). Lets the rules be checked against the full rubric while, or in case, the engine's
// own probes are not wired; it is not the probe implementation.
import type { TProbe } from "../../classification-types";
import type { TListener, TSourced } from "../../facts";
import type { TCapture, TStandIn } from "../../../../scripts/lab/sim/capture-format";

const text = (b64: string | undefined) => Buffer.from(b64 ?? "", "base64").toString("latin1");

function parseHttp(raw: string): { status: number | null; server: string | null; challenge: boolean; cors: string | null } {
  const head = raw.split("\r\n\r\n")[0] ?? "";
  const lines = head.split("\r\n");
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? "")?.[1] ?? NaN);
  const header = (name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? null;
  return { status: Number.isNaN(status) ? null : status, server: header("server"), challenge: header("www-authenticate") !== null, cors: header("access-control-allow-origin") };
}

function httpInfo(s: TStandIn): TProbe["http"] {
  const responses = s.http ?? {};
  const root = responses["/"] ?? responses["/json/version"];
  if (!root) return null;
  const r = parseHttp(text(root));
  return {
    status: r.status,
    server: r.server,
    authRequired: r.status === 401 || r.status === 403 || r.challenge,
    corsAllowOrigin: r.cors,
    paths: Object.entries(responses).map(([path, raw]) => ({ path, status: parseHttp(text(raw)).status })),
  };
}

function probeOf(s: TStandIn, address: string): TProbe {
  const base: TProbe = { proto: "tcp", address, port: s.port, via: "forwarded", tls: null, protocol: "unknown", authRequired: null, http: null, banner: null, details: {}, error: null };
  const tls = s.tls ? { subject: "CN=lab", issuer: "CN=lab", validTo: null, selfSigned: true, protocol: s.tls.protocol || null } : null;
  switch (s.kind) {
    case "http":
    case "https": {
      const http = httpInfo(s);
      return { ...base, protocol: "http", tls, http, authRequired: http?.authRequired ?? null };
    }
    case "node-inspector":
      return { ...base, protocol: "inspector", http: httpInfo(s), authRequired: false };
    case "redis": {
      const pong = text(s.redis?.PING);
      return { ...base, protocol: "redis", banner: pong.trim(), authRequired: pong.startsWith("+PONG") ? false : pong.startsWith("-NOAUTH") ? true : null };
    }
    case "memcached": {
      const stats = text(s.memcached?.stats);
      return { ...base, protocol: "memcached", banner: text(s.memcached?.version).trim(), authRequired: stats.startsWith("STAT ") ? false : null };
    }
    case "postgres": {
      const startup = Buffer.from(s.postgres?.startupReply ?? "", "base64");
      const code = startup[0] === 0x52 && startup.length >= 9 ? startup.readUInt32BE(5) : null;
      const method = code === 10 ? "scram-sha-256" : code === 5 ? "md5" : code === 3 ? "password" : code === 0 ? "trust" : null;
      return { ...base, protocol: "postgresql", tls: text(s.postgres?.sslReply) === "S" ? { ...tls!, protocol: null, subject: "CN=lab" } : null, authRequired: code === null ? null : code !== 0, details: method ? { authMethod: method } : {} };
    }
    default:
      return { ...base, error: "no answer" };
  }
}

// Which loopback destination reaches a listener, as the engine's forwarding would try it.
function target(address: string): "127.0.0.1" | "::1" | null {
  if (address === "0.0.0.0" || address === "*" || address.startsWith("127.")) return "127.0.0.1";
  if (address === "::" || address === "::1") return "::1";
  return null;
}

// Like the engine: non-loopback TCP listeners only, keyed "probe:PORT", or "probe:ADDR:PORT"
// when two sockets share the port.
export function standInProbes(capture: TCapture, listeners: TSourced<TListener>[]): TSourced<TProbe>[] {
  const out: TSourced<TProbe>[] = [];
  const exposed = listeners.filter((l) => l.proto === "tcp" && l.bindScope !== "loopback");
  for (const l of exposed) {
    const s = capture.standIns.find((x) => x.port === l.port);
    if (!s) continue;
    const dest = target(l.address);
    const reachable = dest !== null && (s.accepts.includes(dest) || (l.address === "*" && s.accepts.length > 0));
    const shared = exposed.filter((x) => x.port === l.port).length > 1;
    const evidence = [shared ? `probe:${l.address.includes(":") ? `[${l.address}]` : l.address}:${l.port}` : `probe:${l.port}`];
    if (!reachable) {
      out.push({ proto: "tcp", address: l.address, port: l.port, via: "forwarded", tls: null, protocol: "unknown", authRequired: null, http: null, banner: null, details: {}, error: "connection refused", evidence });
      continue;
    }
    out.push({ ...probeOf(s, l.address), evidence });
  }
  return out;
}
