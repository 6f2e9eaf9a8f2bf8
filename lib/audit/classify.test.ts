import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SCENARIOS } from "../../scripts/lab/scenarios";
import type { THostAuditResult } from "./audit-types";
import { classify, findingFingerprint } from "./classify";
import { RULES } from "./rules";
import { classificationInput, factsWith, firewall, httpProbe, rule as fwRule, socket } from "./rules/testing/facts-factory";
import { auditLabFleet, labInput } from "./rules/testing/lab-fleet";

const nginx = (address: string) => socket({ address, port: 80, name: "nginx", pid: 41, exe: "/usr/sbin/nginx" });

describe("classify", () => {
  afterEach(() => vi.restoreAllMocks());

  it("folds the IPv4 and IPv6 sockets of one server into one finding, with both sockets' evidence", () => {
    const drafts = classify(classificationInput(factsWith([nginx("0.0.0.0"), nginx("::")]), [httpProbe(80, {}, { address: "0.0.0.0" }), { ...httpProbe(80, {}, { address: "::" }), evidence: ["probe:[::]:80"] }]));
    const http = drafts.filter((d) => d.ruleId === "plain-http-exposed");
    expect(http).toHaveLength(1);
    expect(http[0]!.evidence).toEqual(expect.arrayContaining(["probe:80", "probe:[::]:80"]));
    expect(http[0]!.why).toContain("Also on [::]:80 (HIGH there)");
  });

  it("keeps the higher severity when the twins differ (an IPv4-only firewall drop leaves IPv6 open)", () => {
    const v4drop = firewall("iptables", [fwRule("-A INPUT -p tcp -m tcp --dport 80 -j DROP", { chain: "filter INPUT", ports: [80] })]);
    const drafts = classify(classificationInput(factsWith([nginx("0.0.0.0"), nginx("::")], { firewalls: [v4drop] }), [httpProbe(80, {}, { address: "0.0.0.0" }), httpProbe(80, {}, { address: "::" })]));
    const http = drafts.find((d) => d.ruleId === "plain-http-exposed")!;
    expect(http).toMatchObject({ severity: "HIGH", address: "::" });
    expect(http.why).toContain("Also on 0.0.0.0:80 (LOW there)");
  });

  it("keeps different rules' findings on the same socket apart", () => {
    const s = socket({ port: 8000, name: "python3", pid: 39, exe: "/usr/bin/python3.11", cmdline: ["/usr/bin/python3", "-m", "http.server"], cwd: "/tmp" });
    expect(classify(classificationInput(factsWith([s]))).map((d) => d.ruleId)).toEqual(["bare-http-server", "unexpected-listener-process"]);
  });

  it("a rule that throws costs the host only that rule, and leaves a finding saying so", () => {
    vi.spyOn(RULES[0]!, "classify").mockImplementation(() => {
      throw new Error("boom");
    });
    const drafts = classify(classificationInput(factsWith([nginx("0.0.0.0")]), [httpProbe(80)]));
    expect(drafts.find((d) => d.ruleId === RULES[0]!.id)).toMatchObject({ severity: "MEDIUM", confidence: "low", title: expect.stringContaining("could not classify") });
    expect(drafts.some((d) => d.ruleId === "plain-http-exposed")).toBe(true);
  });

  it("every rule has a distinct, stable, kebab-case id", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });
});

describe("findingFingerprint", () => {
  const d = { ruleId: "plain-http-exposed", proto: "tcp" as const, port: 80, executable: "/usr/sbin/nginx" };

  it("is a sha256 of host, rule, protocol, port and executable: stable across runs and wording", () => {
    const fp = findingFingerprint("host-1", d);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(findingFingerprint("host-1", { ...d })).toBe(fp);
    expect(findingFingerprint("host-1", { ...d, severity: "LOW", why: "other words" } as typeof d)).toBe(fp);
  });

  it("changes with any of them", () => {
    const fp = findingFingerprint("host-1", d);
    for (const other of [
      findingFingerprint("host-2", d),
      findingFingerprint("host-1", { ...d, ruleId: "tls-service-exposed" }),
      findingFingerprint("host-1", { ...d, proto: "udp" }),
      findingFingerprint("host-1", { ...d, port: 8080 }),
      findingFingerprint("host-1", { ...d, executable: null }),
    ])
      expect(other).not.toBe(fp);
  });

  it("cannot be forged by moving characters between fields", () => {
    expect(findingFingerprint("a", { ...d, ruleId: "b-c" })).not.toBe(findingFingerprint("a-b", { ...d, ruleId: "c" }));
  });
});

describe("classify on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  beforeAll(async () => {
    lab = await auditLabFleet(up);
  }, 120_000);

  it("every finding cites evidence the audit recorded, and says how to reproduce it", () => {
    for (const s of up) {
      const r = lab.get(s)!;
      if (!r.ok) throw new Error(`${s}: ${r.message}`);
      const keys = new Set(r.evidence.map((e) => e.key));
      for (const d of classify(labInput(lab, s, "engine"))) {
        expect(d.evidence.length, `${s} ${d.ruleId}`).toBeGreaterThan(0);
        for (const k of d.evidence) expect(keys.has(k), `${s} ${d.ruleId} cites ${k}`).toBe(true);
        expect(d.reproduce, `${s} ${d.ruleId}`).toMatch(/^(sudo )?ss -H -[tu]lnp 'sport = :\d+'/);
        expect(d.why.length).toBeGreaterThan(40);
        expect(d.severityReason).toMatch(/^(Critical|High|Medium|Low): /);
      }
    }
  });
});
