// `ss -H -tlnp` / `ss -H -ulnp` (and the same without -H: old iproute2 has no -H and prints a
// header, which is skipped). One listener per line:
//   LISTEN 0 511 0.0.0.0:6379 0.0.0.0:* users:(("redis-server",pid=35,fd=6))
// iproute2 >= 4.x brackets IPv6 ("[::]:22") and prints "*" for a dual-stack socket; older ss
// prints "*:22" for the IPv4 wildcard, ":::22" for IPv6, and users:(("sshd",1034,3)).
import type { TBindScope, TListener, TParsed, TSocketProcess } from "../../facts";
import { clip, collector, eachLine, fields, isBlank, toInt } from "../collect";
import { isLoopbackAddress } from "../../loopback";

export type TSsOptions = { proto?: "tcp" | "udp" };

const STATE = /^[A-Z][A-Z0-9-]{1,15}$/;
const MAX_PROCESSES = 256;

export function parseSs(text: string, options: TSsOptions = {}): TParsed<TListener> {
  const out = collector<TListener>();
  // Old ss marks the IPv4 wildcard "*"; it is recognised by its unbracketed IPv6 addresses.
  const oldFormat = typeof text === "string" && /^\S+\s+\d+\s+\d+\s+:::\d/m.test(text.slice(0, 65_536));
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const split = fields(line, 5);
    if (!split) return out.skip(no, line, "fewer than five columns");
    let [first, ...restHead] = split.head as [string, ...string[]];
    let proto = options.proto ?? null;
    let cols = restHead;
    let rest = split.rest;
    if (first === "State" || first === "Netid") return; // header of an ss without -H
    if (/^(?:tcp|udp)$/.test(first)) {
      // `ss -tu` prints a Netid column first.
      proto = first as "tcp" | "udp";
      const more = fields(rest, 1);
      if (!more) return out.skip(no, line, "fewer than six columns after Netid");
      first = restHead[0] as string;
      cols = [...restHead.slice(1), more.head[0] as string];
      rest = more.rest;
    }
    const [recvQ, sendQ, local] = cols as [string, string, string];
    if (!STATE.test(first) || toInt(recvQ) === null || toInt(sendQ) === null) {
      return out.skip(no, line, "not an ss socket line");
    }
    proto ??= first === "UNCONN" ? "udp" : first === "LISTEN" ? "tcp" : null;
    if (!proto) return out.skip(no, line, `cannot tell tcp from udp for state ${first}`);
    const addr = splitAddress(local, oldFormat);
    if (!addr) return out.skip(no, line, "local address:port not understood");
    const users = rest.indexOf("users:(");
    const processes = users === -1 ? [] : parseUsers(rest.slice(users + 7));
    if (users !== -1 && processes.length === 0) return out.skip(no, line, "users:(...) not understood");
    out.add({
      proto,
      state: first,
      address: addr.address,
      interface: addr.iface,
      port: addr.port,
      family: addr.family,
      bindScope: addr.scope,
      processes,
      processInfoHidden: users === -1,
    });
  });
  return out.result();
}

type TAddress = { address: string; iface: string | null; port: number; family: TListener["family"]; scope: TBindScope };

export function splitAddress(text: string, oldFormat = false): TAddress | null {
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return null;
  const port = toInt(text.slice(colon + 1), 65_535);
  if (port === null) return null;
  let host = text.slice(0, colon);
  let iface: string | null = null;
  // "127.0.0.53%lo", "[fe80::1]%eth0" and, in some versions, "[fe80::1%eth0]".
  const pct = host.lastIndexOf("%");
  if (pct !== -1) {
    iface = clip(host.slice(pct + 1).replace(/\]$/, ""), 64);
    host = host.slice(0, pct) + (host.endsWith("]") && !host.slice(0, pct).endsWith("]") ? "]" : "");
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.length === 0 || host.length > 64 || !/^[0-9A-Fa-f.:*]+$/.test(host)) return null;
  const family: TListener["family"] = host === "*" ? (oldFormat ? "ipv4" : "any") : host.includes(":") ? "ipv6" : "ipv4";
  if (family === "ipv4" && host !== "*" && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return null;
  return { address: host, iface, port, family, scope: scopeOf(host, iface) };
}

function scopeOf(host: string, iface: string | null): TBindScope {
  const h = host.toLowerCase();
  if (iface === "lo") return "loopback"; // bound to the loopback device, whatever the address
  if (isLoopbackAddress(h)) return "loopback";
  const wildcard = h === "*" || h === "0.0.0.0" || h === "::" || h === "::ffff:0.0.0.0";
  // A wildcard bound to one device (SO_BINDTODEVICE) is not every interface.
  if (wildcard) return iface ? "specific" : "all";
  return "specific";
}

// `("nginx",pid=44,fd=5),("nginx",pid=43,fd=5))` or, before iproute2 3.15, `("sshd",1034,3))`.
// A process name is the kernel's comm (any bytes but NUL, 15 at most), so it is read up to
// the `",` that precedes the pid, never by a pattern that could backtrack.
function parseUsers(text: string): TSocketProcess[] {
  const found: TSocketProcess[] = [];
  let i = 0;
  while (found.length < MAX_PROCESSES) {
    if (text.startsWith('("', i)) i += 2;
    else break;
    const end = text.indexOf('",', i);
    if (end === -1 || end - i > 64) break;
    const name = text.slice(i, end);
    const close = text.indexOf(")", end);
    if (close === -1 || close - end > 64) break;
    const parts = text.slice(end + 2, close).split(",");
    const pid = toInt(parts[0]?.replace(/^pid=/, ""), 4_194_304);
    const fdText = parts[1]?.replace(/^fd=/, "");
    if (pid === null || pid < 1) break;
    found.push({ name, pid, fd: fdText === undefined ? null : toInt(fdText) });
    i = close + 1;
    if (text[i] === ",") i += 1;
  }
  return found;
}
