import { describe, expect, it } from "vitest";
import { firewallCoverage } from "./firewall-coverage";
import { firewall, rule } from "./testing/facts-factory";
import { parsedFirewall } from "./testing/parsed-firewall";

const tcp = (port: number, family: "ipv4" | "ipv6" | "any" = "ipv4") => ({ proto: "tcp" as const, port, family, throughNat: false });

describe("firewallCoverage on real rulesets", () => {
  it("lab firewalled host (nftables): drops 6379 for every source, leaves 80 open, and names the rule", () => {
    const fws = parsedFirewall("nft", "lab-firewalled.json");
    const redis = firewallCoverage(fws, tcp(6379));
    expect(redis.kind).toBe("blocked");
    expect(redis.text).toContain("`tcp dport 6379 drop` (nftables inet filter input)");
    expect(redis.evidence).toEqual(["nft-ruleset"]);
    // `iifname "lo" accept` comes first but only lets loopback traffic in.
    expect(firewallCoverage(fws, tcp(80)).kind).toBe("open");
    // inet covers both families: a dual-stack socket is blocked on both.
    expect(firewallCoverage(fws, tcp(6379, "any")).kind).toBe("blocked");
  });

  it("nftables policy drop: accepted ports open, a source-limited accept restricted, an explicit drop and a port with no accept blocked", () => {
    const fws = parsedFirewall("nft", "curated-policy-drop-port-sets.json");
    expect(firewallCoverage(fws, tcp(443)).kind).toBe("open");
    const pg = firewallCoverage(fws, tcp(5432));
    expect(pg.kind).toBe("restricted");
    expect(pg.text).toContain("10.0.0.0/8");
    expect(firewallCoverage(fws, tcp(6379)).kind).toBe("blocked");
    expect(firewallCoverage(fws, tcp(27017)).kind).toBe("blocked");
    expect(firewallCoverage(fws, tcp(27017)).text).toContain("input policy drop");
  });

  it("iptables rules are IPv4 only: an IPv6 or dual-stack socket is not covered by them", () => {
    const fws = parsedFirewall("iptables", "curated-drop-6379.json");
    expect(firewallCoverage(fws, tcp(6379)).kind).toBe("blocked");
    expect(firewallCoverage(fws, tcp(6379, "ipv6")).kind).toBe("open");
    expect(firewallCoverage(fws, tcp(6379, "any")).kind).toBe("partial");
    expect(firewallCoverage(fws, tcp(22)).kind).toBe("open");
  });

  it("ufw: deny and reject rules in both families block; allow opens; limit counts as allow", () => {
    const fws = parsedFirewall("ufw", "curated-active.json");
    expect(firewallCoverage(fws, tcp(6379, "any")).kind).toBe("blocked");
    expect(firewallCoverage(fws, { proto: "udp", port: 11211, family: "ipv4", throughNat: false }).kind).toBe("blocked");
    expect(firewallCoverage(fws, tcp(80, "any")).kind).toBe("open");
    expect(firewallCoverage(fws, tcp(2222)).kind).toBe("open");
    // Accepted on eth0 only: the interface is not known here, so it is not counted as blocked.
    expect(firewallCoverage(fws, tcp(8005)).kind).toBe("open");
  });

  it("ufw through its nftables backend: the drop in ufw-user-input counts, the chains' plumbing does not", () => {
    const fws = parsedFirewall("nft", "curated-ufw-backend.json");
    expect(firewallCoverage(fws, tcp(6379, "any")).kind).toBe("blocked");
    expect(firewallCoverage(fws, tcp(22, "any")).kind).toBe("open");
  });
});

describe("firewallCoverage, conservative on what it cannot settle", () => {
  it("no active firewall", () => {
    expect(firewallCoverage([], tcp(80)).kind).toBe("none");
    expect(firewallCoverage([{ ...firewall("ufw", []), active: false }], tcp(80)).kind).toBe("none");
  });

  it("a drop with a condition, a drop limited to a source, or a rule that only jumps does not count", () => {
    for (const r of [
      rule('iifname "eth0" tcp dport 6379 drop', { ports: [6379], conditions: ['iifname "eth0"'] }),
      rule("ip saddr 203.0.113.0/24 tcp dport 6379 drop", { ports: [6379], source: "203.0.113.0/24" }),
      rule("tcp dport 6379 jump blocked", { ports: [6379], action: "jump blocked" }),
    ]) {
      expect(firewallCoverage([firewall("nftables", [r])], tcp(6379)).kind, r.raw).toBe("open");
    }
  });

  it("an accept before the drop in the same chain wins; one after it does not", () => {
    const accept = rule("tcp dport 6379 accept", { ports: [6379], action: "accept" });
    const drop = rule("tcp dport 6379 drop", { ports: [6379] });
    expect(firewallCoverage([firewall("nftables", [accept, drop])], tcp(6379)).kind).toBe("open");
    expect(firewallCoverage([firewall("nftables", [drop, accept])], tcp(6379)).kind).toBe("blocked");
  });

  it("a drop for another protocol or port does not cover the socket", () => {
    const fw = firewall("nftables", [rule("udp dport 6379 drop", { proto: "udp", ports: [6379] }), rule("tcp dport 6380 drop", { ports: [6380] })]);
    expect(firewallCoverage([fw], tcp(6379)).kind).toBe("open");
  });

  it("a container's published port is reached through NAT: input rules do not protect it", () => {
    const fws = parsedFirewall("nft", "lab-firewalled.json");
    expect(firewallCoverage(fws, { ...tcp(6379), throughNat: true }).kind).toBe("bypassed");
  });
});
