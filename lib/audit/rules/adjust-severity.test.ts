import { describe, expect, it } from "vitest";
import { adjustSeverity, isPrivateAddress, lower, type TSocketContext } from "./adjust-severity";
import { firewall, rule } from "./testing/facts-factory";
import { parsedFirewall } from "./testing/parsed-firewall";

const socket = (over: Partial<TSocketContext> = {}): TSocketContext => ({ proto: "tcp", port: 6379, address: "0.0.0.0", family: "ipv4", bindScope: "all", throughNat: false, ...over });
const INTERNET = { exposure: "INTERNET" as const };
const INTERNAL = { exposure: "INTERNAL" as const };

describe("adjustSeverity", () => {
  it("leaves an internet-facing, unfirewalled socket where the rule put it, and says there is no firewall", () => {
    const a = adjustSeverity("CRITICAL", INTERNET, [], socket());
    expect(a.severity).toBe("CRITICAL");
    expect(a.adjustments.join(" ")).toMatch(/no active host firewall/);
  });

  it("INTERNAL exposure lowers one level and says why", () => {
    const a = adjustSeverity("CRITICAL", INTERNAL, [], socket());
    expect(a.severity).toBe("HIGH");
    expect(a.adjustments[0]).toMatch(/INTERNAL.*CRITICAL lowered to HIGH/);
  });

  it("a private bind lowers one level on an internet host, and not a second time on an internal one", () => {
    expect(adjustSeverity("HIGH", INTERNET, [], socket({ bindScope: "specific", address: "10.1.2.3" })).severity).toBe("MEDIUM");
    expect(adjustSeverity("HIGH", INTERNAL, [], socket({ bindScope: "specific", address: "10.1.2.3" })).severity).toBe("MEDIUM");
    expect(adjustSeverity("HIGH", INTERNET, [], socket({ bindScope: "specific", address: "203.0.113.7" })).severity).toBe("HIGH");
  });

  it("a firewall drop for every source lowers two levels and quotes the rule (the lab's firewalled host)", () => {
    const a = adjustSeverity("CRITICAL", INTERNET, parsedFirewall("nft", "lab-firewalled.json"), socket());
    expect(a.severity).toBe("MEDIUM");
    expect(a.adjustments.join(" ")).toContain("`tcp dport 6379 drop`");
    expect(a.evidence).toEqual(["nft-ruleset"]);
  });

  it("exposure and firewall add up, never below LOW", () => {
    expect(adjustSeverity("CRITICAL", INTERNAL, parsedFirewall("nft", "lab-firewalled.json"), socket()).severity).toBe("LOW");
    expect(adjustSeverity("MEDIUM", INTERNET, parsedFirewall("nft", "lab-firewalled.json"), socket()).severity).toBe("LOW");
  });

  it("a firewall that lets some sources in lowers one level and names them", () => {
    const fw = firewall("nftables", [rule("ip saddr 10.0.0.0/8 tcp dport 6379 accept", { action: "accept", ports: [6379], source: "10.0.0.0/8" })], "drop");
    const a = adjustSeverity("HIGH", INTERNET, [fw], socket());
    expect(a.severity).toBe("MEDIUM");
    expect(a.adjustments.join(" ")).toContain("10.0.0.0/8");
  });

  it("does not lower for a firewall covering one family only, or a NAT-published container port, and says so", () => {
    const v4only = adjustSeverity("CRITICAL", INTERNET, parsedFirewall("iptables", "curated-drop-6379.json"), socket({ family: "any", address: "*" }));
    expect(v4only.severity).toBe("CRITICAL");
    expect(v4only.adjustments.join(" ")).toMatch(/one address family/);
    const nat = adjustSeverity("CRITICAL", INTERNET, parsedFirewall("nft", "lab-firewalled.json"), socket({ throughNat: true }));
    expect(nat.severity).toBe("CRITICAL");
    expect(nat.adjustments.join(" ")).toMatch(/NAT/);
  });
});

describe("severity scale", () => {
  it("lowers by levels with LOW as the floor", () => {
    expect(lower("CRITICAL", 1)).toBe("HIGH");
    expect(lower("HIGH", 2)).toBe("LOW");
    expect(lower("LOW", 1)).toBe("LOW");
  });

  it("knows private ranges", () => {
    for (const a of ["10.0.0.1", "172.16.5.4", "172.31.255.1", "192.168.1.1", "100.64.0.1", "169.254.1.1", "fd00::1", "fe80::1"]) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ["172.32.0.1", "8.8.8.8", "203.0.113.9", "2001:db8::1"]) expect(isPrivateAddress(a), a).toBe(false);
  });
});
