// MySQL / MariaDB speak first: a handshake packet with the server version and its default
// authentication plugin, or an error packet (e.g. 1130: this host may not connect).
import type { TProbe } from "../classification-types";

const CLIENT_SSL = 0x800;
const CLIENT_SECURE_CONNECTION = 0x8000;
const CLIENT_PLUGIN_AUTH = 0x80000;

export type TMysqlGreeting =
  | { kind: "handshake"; version: string; authPlugin: string | null; ssl: boolean }
  | { kind: "error"; code: number; message: string };

function cstringAt(b: Buffer, i: number): string | null {
  const end = b.indexOf(0, i);
  return end === -1 ? null : b.subarray(i, end).toString("latin1");
}

export function parseMysqlGreeting(b: Buffer): TMysqlGreeting | null {
  if (b.length < 5) return null;
  const len = b[0]! | (b[1]! << 8) | (b[2]! << 16);
  if (b[3] !== 0 || len < 1 || len + 4 > b.length) return null;
  const payload = b.subarray(4, 4 + len);
  if (payload[0] === 0xff && payload.length >= 3) {
    const message = payload.subarray(3).toString("utf8").replace(/^#[0-9A-Z]{5}/, "");
    return { kind: "error", code: payload.readUInt16LE(1), message };
  }
  if (payload[0] !== 0x0a) return null;
  const version = cstringAt(payload, 1);
  if (version === null || !/^\d+\.\d+/.test(version)) return null;
  let i = 1 + version.length + 1 + 4 + 8 + 1;
  if (i + 2 > payload.length) return { kind: "handshake", version, authPlugin: null, ssl: false };
  let caps = payload.readUInt16LE(i);
  i += 2;
  let authLen = 0;
  if (i + 6 <= payload.length) {
    i += 1 + 2; // character set, status flags
    caps |= payload.readUInt16LE(i) << 16;
    i += 2;
    authLen = payload[i]!;
    i += 1 + 10;
  }
  if (caps & CLIENT_SECURE_CONNECTION) i += Math.max(13, authLen - 8);
  const authPlugin = caps & CLIENT_PLUGIN_AUTH && i < payload.length ? cstringAt(payload, i) ?? payload.subarray(i).toString("latin1") : null;
  return { kind: "handshake", version, authPlugin, ssl: (caps & CLIENT_SSL) !== 0 };
}

export function applyMysqlGreeting(p: TProbe, g: TMysqlGreeting) {
  p.protocol = "mysql";
  if (g.kind === "error") {
    p.banner = `error ${g.code}: ${g.message}`.slice(0, 200);
    p.details.error = `${g.code}: ${g.message}`;
    // 1130: host not allowed; 1129: host blocked after too many errors.
    if (g.code === 1130 || g.code === 1129) p.authRequired = true;
    return;
  }
  p.banner = g.version;
  p.details.version = g.version;
  if (g.authPlugin) p.details.authPlugin = g.authPlugin;
  p.details.ssl = g.ssl ? "offered" : "not offered";
}
