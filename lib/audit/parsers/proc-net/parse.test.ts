import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseSs } from "../ss/parse";
import { formatIpv6, parseProcNet } from "./parse";

// Lines in the kernel's format (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c
// get_tcp6_sock, udp.c udp4_format_sock), little-endian host.
const TCP_HEADER = "/proc/net/tcp:  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const TCP6_HEADER = "/proc/net/tcp6:  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

describe("parseProcNet", () => {
  it("reads listening TCP sockets of both families and skips connections and headers", () => {
    const text = [
      TCP_HEADER,
      "/proc/net/tcp:   0: 00000000:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   102        0 20117 1 0000000000000000 100 0 0 10 0",
      "/proc/net/tcp:   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 20200 1 0000000000000000 100 0 0 10 0",
      "/proc/net/tcp:   2: 0A00FA0A:0016 0100FA0A:E454 01 00000000:00000000 02:000AFB4B 00000000     0        0 30001 4 0000000000000000 20 4 30 10 -1",
      TCP6_HEADER,
      "/proc/net/tcp6:   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 19321 1 0000000000000000 100 0 0 10 0",
      "/proc/net/tcp6:   1: 00000000000000000000000001000000:18EB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   102        0 20118 1 0000000000000000 100 0 0 10 0",
      "/proc/net/tcp6:   2: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 20119 1 0000000000000000 100 0 0 10 0",
    ].join("\n");
    const r = parseProcNet(text);
    expect(r.unparsed).toEqual([]);
    expect(r.items.map((s) => `${s.proto} ${s.family} ${s.address} ${s.port} ${s.uid} ${s.inode}`)).toEqual([
      "tcp ipv4 0.0.0.0 6379 102 20117",
      "tcp ipv4 127.0.0.1 8080 1000 20200",
      "tcp ipv6 :: 22 0 19321",
      "tcp ipv6 ::1 6379 102 20118",
      "tcp ipv6 ::ffff:127.0.0.1 80 33 20119",
    ]);
  });

  it("keeps unconnected UDP sockets only", () => {
    const text = [
      "/proc/net/udp:   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
      "/proc/net/udp:  123: 00000000:2BCB 00000000:0000 07 00000000:00000000 00:00000000 00000000   104        0 21001 2 0000000000000000 0",
      "/proc/net/udp:  124: 0A00FA0A:A1B2 0100FA0A:0035 01 00000000:00000000 00:00000000 00000000     0        0 21002 2 0000000000000000 0",
    ].join("\n");
    expect(parseProcNet(text).items).toEqual([{ proto: "udp", family: "ipv4", address: "0.0.0.0", port: 11211, state: "UNCONN", uid: 104, inode: 21001 }]);
  });

  it("reports lines from elsewhere or with broken addresses instead of guessing", () => {
    const r = parseProcNet(["hello", "/proc/net/tcp:   0: 0000000G:18EB 00000000:0000 0A 0 0 0 0 0 0", "/proc/net/tcp:   0: 00000000:18EB"].join("\n"));
    expect(r.items).toEqual([]);
    expect(r.unparsed.map((u) => u.reason)).toEqual(["not prefixed with a /proc/net/{tcp,udp}[6] file name", "address or state not understood", "fewer than ten columns"]);
  });

  it("writes IPv6 addresses the way ss does (RFC 5952)", () => {
    const b = (...groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);
    expect(formatIpv6(b(0, 0, 0, 0, 0, 0, 0, 0))).toBe("::");
    expect(formatIpv6(b(0xfe80, 0, 0, 0, 0x1, 0x2, 0x3, 0x4))).toBe("fe80::1:2:3:4");
    expect(formatIpv6(b(0x2001, 0xdb8, 0, 1, 0, 0, 0, 1))).toBe("2001:db8:0:1::1");
    expect(formatIpv6(b(0x2001, 0xdb8, 1, 2, 3, 4, 5, 6))).toBe("2001:db8:1:2:3:4:5:6");
  });
});

// The lab captures of both commands: /proc/net lists the same listening sockets as ss
// (ss's dual-stack "*" is "::" in /proc/net/tcp6), which is what a verification run relies on.
describe("parseProcNet on the lab captures", () => {
  const key = (s: { proto: string; address: string; port: number }) => `${s.proto} ${s.address === "*" ? "::" : s.address} ${s.port}`;
  for (const scenario of ["redis-open", "localhost-only", "dual-stack", "udp-memcached"]) {
    it(`${scenario}: the same sockets as ss`, () => {
      const proc = parseProcNet(fixtureOutput("proc-net", `lab-${scenario}.json`, "proc-net").stdout);
      const ss = ["ss-tcp", "ss-udp"].flatMap((id) => {
        const o = fixtureOutput("ss", `lab-${scenario}.json`, id);
        return parseSs(o.stdout, { proto: id === "ss-tcp" ? "tcp" : "udp" }).items;
      });
      expect(proc.unparsed).toEqual([]);
      expect([...new Set(proc.items.map(key))].sort()).toEqual([...new Set(ss.map(key))].sort());
    });
  }
});
