import { describe, expect, it } from "vitest";
import type { TFirewall } from "../../facts";
import { fixtureOutput } from "../load-fixtures";
import { parseNft } from "./parse";

const nft = (file: string, sudo = false): TFirewall | undefined => {
  const r = parseNft(fixtureOutput("nft", file, "nft-ruleset", sudo).stdout);
  expect(r.unparsed).toEqual([]);
  return r.items[0];
};

describe("nft list ruleset", () => {
  it("firewalled: tcp dport 6379 drop in inet filter input; the lo accept carries its interface", () => {
    const fw = nft("lab-firewalled.json");
    expect(fw).toMatchObject({ tool: "nftables", active: true, defaultInputPolicy: "accept" });
    expect(fw?.rules.find((r) => r.action === "drop")).toMatchObject({ chain: "inet filter input", proto: "tcp", ports: [6379], source: null, conditions: [] });
    expect(fw?.rules.find((r) => r.action === "accept")).toMatchObject({ ports: [], conditions: ['iifname "lo"'] });
  });

  it("policy drop with a { 80, 443 } set, a source-restricted port, a range reject; named sets are not rules", () => {
    const fw = nft("curated-policy-drop-port-sets.json");
    expect(fw?.defaultInputPolicy).toBe("drop");
    const find = (raw: string) => fw?.rules.find((r) => r.raw === raw);
    expect(find("tcp dport { 80, 443 } accept")).toMatchObject({ action: "accept", proto: "tcp", ports: [80, 443], conditions: [] });
    expect(find("ip saddr 10.0.0.0/8 tcp dport 5432 accept")).toMatchObject({ source: "10.0.0.0/8", ports: [5432] });
    expect(find("tcp dport 8000-8010 counter packets 0 bytes 0 reject with tcp reset")?.ports).toHaveLength(11);
    expect(find("udp dport 53 accept")).toMatchObject({ proto: "udp", ports: [53] });
    expect(fw?.rules.some((r) => r.raw.includes("192.0.2.1"))).toBe(false);
  });

  it("a negated port is a condition, not a port list; braces inside quoted strings do not open blocks", () => {
    const fw = nft("curated-policy-drop-port-sets.json");
    const neg = fw?.rules.find((r) => r.raw.startsWith("tcp dport != 9000"));
    expect(neg).toMatchObject({ action: "drop", ports: [], conditions: ["tcp dport != 9000"] });
    expect(fw?.rules.filter((r) => r.chain === "inet filter input")).toHaveLength(9);
  });

  it("iptables-nft's rules as nft prints them: counters, meta l4proto with a set, a jump", () => {
    const fw = nft("curated-iptables-nft.json");
    expect(fw?.rules.find((r) => r.raw.startsWith("meta l4proto tcp"))).toMatchObject({ proto: "tcp", source: "10.0.0.0/8", ports: [80, 443, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009, 8010] });
    expect(fw?.rules.find((r) => r.raw.startsWith("udp dport 53"))).toMatchObject({ ports: [53], action: "accept" });
    expect(fw?.rules.find((r) => r.action === "jump LOGDROP")?.conditions).toEqual(["tcp dport != 9000"]);
  });

  it("ufw's ruleset through nft: its user rules are found in ufw-user-input", () => {
    const fw = nft("curated-ufw-backend.json");
    const user = fw?.rules.filter((r) => r.chain === "ip filter ufw-user-input") ?? [];
    expect(user.find((r) => r.ports.includes(6379))?.action).toBe("drop");
    expect(user.find((r) => r.ports.includes(443))?.action).toBe("accept");
  });

  it("an empty ruleset or no nft at all gives no firewall fact (the outcome tells which)", () => {
    expect(parseNft(fixtureOutput("nft", "lab-redis-open.json", "nft-ruleset").stdout).items).toEqual([]);
    expect(parseNft(fixtureOutput("nft", "curated-non-root.json", "nft-ruleset").stdout).items).toEqual([]);
  });

  it("a statement outside any chain is reported", () => {
    expect(parseNft("tcp dport 22 accept\n").unparsed[0]?.reason).toMatch(/outside a chain/);
  });
});
