// `grep -H . /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6`: the kernel's own socket
// tables, read without ss, so a verification run can cross-check what ss says. Each line is
// prefixed with its file, which names protocol and family:
//   /proc/net/tcp:   0: 00000000:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   102        0 20117 1 ...
// Only listening sockets are kept (TCP state 0A; UDP state 07 with no remote port, what
// `ss -ulnp` lists as UNCONN); connections and headers are skipped without complaint.
// Addresses are printed in the host's byte order; this reads them as little-endian (x86,
// arm64), which is every lab and nearly every server; a big-endian host's addresses come out
// byte-swapped (ports are unaffected).
import type { TParsed } from "../../facts";
import { collector, eachLine, fields, isBlank, toInt } from "../collect";

export type TProcNetSocket = {
  proto: "tcp" | "udp";
  family: "ipv4" | "ipv6";
  // As ss prints it without brackets: "0.0.0.0", "127.0.0.1", "::", "::1".
  address: string;
  port: number;
  state: "LISTEN" | "UNCONN";
  uid: number | null;
  inode: number | null;
};

const FILE = /^\/proc\/net\/(tcp|udp)(6?):/;
const HEX = /^[0-9A-Fa-f]+$/;

// One 32-bit word as the kernel printed it (host order, little-endian) -> its 4 bytes.
function wordBytes(hex8: string): number[] {
  const n = Number.parseInt(hex8, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

// RFC 5952: lower case, no leading zeros, the longest run (2+) of zero groups as "::";
// an IPv4-mapped address in dotted form, as ss prints it.
export function formatIpv6(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${bytes.slice(12).join(".")}`;
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

function decodeAddress(text: string, v6: boolean): { address: string; port: number } | null {
  const colon = text.indexOf(":");
  if (colon === -1) return null;
  const addr = text.slice(0, colon);
  const portHex = text.slice(colon + 1);
  if (portHex.length !== 4 || !HEX.test(portHex) || !HEX.test(addr) || addr.length !== (v6 ? 32 : 8)) return null;
  const port = Number.parseInt(portHex, 16);
  if (!v6) return { address: wordBytes(addr).join("."), port };
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(addr.slice(i, i + 8)));
  return { address: formatIpv6(bytes), port };
}

export function parseProcNet(text: string): TParsed<TProcNetSocket> {
  const out = collector<TProcNetSocket>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const file = FILE.exec(line);
    if (!file) return out.skip(no, line, "not prefixed with a /proc/net/{tcp,udp}[6] file name");
    const body = line.slice(file[0].length);
    if (/^\s*sl\s/.test(body)) return; // the table's header
    const split = fields(body, 10);
    if (!split) return out.skip(no, line, "fewer than ten columns");
    const [slot, local, remote, st, , , , uid, , inode] = split.head as string[];
    if (!/^\d+:$/.test(slot!)) return out.skip(no, line, "no slot number");
    const v6 = file[2] === "6";
    const proto = file[1] as "tcp" | "udp";
    const l = decodeAddress(local!, v6);
    const r = decodeAddress(remote!, v6);
    if (!l || !r || !/^[0-9A-Fa-f]{2}$/.test(st!)) return out.skip(no, line, "address or state not understood");
    const listening = proto === "tcp" ? st!.toUpperCase() === "0A" : st === "07" && r.port === 0;
    if (!listening) return;
    out.add({ proto, family: v6 ? "ipv6" : "ipv4", address: l.address, port: l.port, state: proto === "tcp" ? "LISTEN" : "UNCONN", uid: toInt(uid, 4_294_967_295), inode: toInt(inode) });
  });
  return out.result();
}
