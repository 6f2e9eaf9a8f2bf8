import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseIptables } from "./parse";

describe("iptables -S", () => {
  const r = parseIptables(fixtureOutput("iptables", "curated-drop-6379.json", "iptables").stdout);
  const fw = r.items[0];
  const rule = (raw: string) => fw?.rules.find((x) => x.raw === raw);

  it("-A INPUT -p tcp -m tcp --dport 6379 -j DROP is a drop on tcp/6379; policy DROP", () => {
    expect(r.unparsed).toEqual([]);
    expect(fw).toMatchObject({ tool: "iptables", active: true, defaultInputPolicy: "drop" });
    expect(rule("-A INPUT -p tcp -m tcp --dport 6379 -j DROP")).toMatchObject({ chain: "filter INPUT", action: "drop", proto: "tcp", ports: [6379], source: null, conditions: [] });
  });

  it("multiport with a range and a source; a quoted comment is not a condition", () => {
    expect(rule("-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 80,443,8000:8010 -j ACCEPT")).toMatchObject({ source: "10.0.0.0/8", ports: [80, 443, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009, 8010] });
    expect(fw?.rules.find((x) => x.ports.includes(53))).toMatchObject({ proto: "udp", conditions: [] });
  });

  it("interface, conntrack and negated ports are conditions; a user chain is a jump", () => {
    expect(rule("-A INPUT -i lo -j ACCEPT")?.conditions).toEqual(["-i lo"]);
    expect(rule("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")?.conditions).toEqual(["--ctstate RELATED,ESTABLISHED"]);
    expect(rule("-A INPUT -p tcp -m tcp ! --dport 9000 -j LOGDROP")).toMatchObject({ action: "jump LOGDROP", ports: [], conditions: ["! --dport 9000"] });
  });

  it("ufw's chains: its deny on 6379 sits in ufw-user-input", () => {
    const ufw = parseIptables(fixtureOutput("iptables", "curated-ufw-backend.json", "iptables").stdout);
    expect(ufw.unparsed).toEqual([]);
    expect(ufw.items[0]?.rules.find((x) => x.chain === "filter ufw-user-input" && x.ports.includes(6379))?.action).toBe("drop");
  });

  it("permission denied or not installed: no firewall fact", () => {
    expect(parseIptables(fixtureOutput("iptables", "curated-non-root.json", "iptables").stdout).items).toEqual([]);
    expect(parseIptables(fixtureOutput("iptables", "lab-redis-open.json", "iptables").stdout).items).toEqual([]);
  });

  it("an unterminated quote is reported", () => {
    expect(parseIptables('-A INPUT -m comment --comment "oops -j ACCEPT\n').unparsed[0]?.reason).toBe("unbalanced quotes");
  });
});
