import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseUfw } from "./parse";

describe("ufw status verbose", () => {
  const r = parseUfw(fixtureOutput("ufw", "curated-active.json", "ufw-status").stdout);
  const fw = r.items[0];

  it("active, default deny incoming, every rule read", () => {
    expect(r.unparsed).toEqual([]);
    expect(fw).toMatchObject({ tool: "ufw", active: true, defaultInputPolicy: "deny" });
    expect(fw?.rules).toHaveLength(13);
  });

  it("DENY IN on 6379/tcp, port lists, ranges on an interface, sources, (v6) twins", () => {
    expect(fw?.rules.find((x) => x.action === "deny" && x.chain === "ufw in")).toMatchObject({ proto: "tcp", ports: [6379], source: null });
    expect(fw?.rules.find((x) => x.raw.startsWith("80,443/tcp "))?.ports).toEqual([80, 443]);
    expect(fw?.rules.find((x) => x.raw.startsWith("8000:8010/tcp on eth0"))).toMatchObject({ ports: [8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009, 8010], conditions: ["on eth0"] });
    expect(fw?.rules.find((x) => x.ports.includes(5432))?.source).toBe("10.0.0.0/8");
    expect(fw?.rules.find((x) => x.raw.startsWith("11211 "))).toMatchObject({ action: "reject", proto: null, ports: [11211] });
    expect(fw?.rules.filter((x) => x.chain === "ufw in (v6)")).toHaveLength(6);
  });

  it("inactive is a fact with no rules", () => {
    expect(parseUfw(fixtureOutput("ufw", "curated-inactive.json", "ufw-status").stdout)).toEqual({
      items: [{ tool: "ufw", active: false, defaultInputPolicy: null, rules: [] }],
      unparsed: [],
    });
  });

  it("not root: no fact (the outcome says permission-denied)", () => {
    expect(parseUfw(fixtureOutput("ufw", "curated-non-root.json", "ufw-status").stdout)).toEqual({ items: [], unparsed: [] });
  });

  it("an app profile or an address in To is a condition, not any port", () => {
    const t = "Status: active\n\nTo                         Action      From\n--                         ------      ----\nOpenSSH                    ALLOW IN    Anywhere\n10.0.0.5 443/tcp           ALLOW IN    Anywhere\n";
    const rules = parseUfw(t).items[0]?.rules;
    expect(rules?.[0]).toMatchObject({ ports: [], conditions: ["to OpenSSH (address or app profile)"] });
    expect(rules?.[1]).toMatchObject({ ports: [443], conditions: ["to 10.0.0.5"] });
  });
});
