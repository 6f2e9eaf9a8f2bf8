import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { plainHttpExposed as rule } from "./plain-http-exposed";
import { classificationInput, factsWith, firewall, hiddenSocket, httpProbe, probe, rule as fwRule, socket, summary, TLS } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const nginx = (port = 80, address = "0.0.0.0") => socket({ address, port, name: "nginx", pid: 41, exe: "/usr/sbin/nginx", cmdline: ["nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"], systemdUnit: "nginx.service" });

describe("plain-http-exposed", () => {
  it("nginx answering plain HTTP on 0.0.0.0 is High", () => {
    const [d] = rule.classify(classificationInput(factsWith([nginx()]), [httpProbe(80, { server: "nginx/1.22.1" })]));
    expect(d).toMatchObject({ severity: "HIGH", confidence: "high", executable: "/usr/sbin/nginx" });
    expect(d!.reproduce).toContain("curl -sS -i 'http://127.0.0.1:80/'");
  });

  it("a 403 at / is still plain HTTP: High, and credentials would cross in clear", () => {
    const [d] = rule.classify(classificationInput(factsWith([nginx(8080, "::")]), [httpProbe(8080, { status: 403, authRequired: true }, { address: "::" })]));
    expect(d!.severity).toBe("HIGH");
    expect(d!.why).toMatch(/in clear/);
    expect(d!.reproduce).toContain("curl -g -sS -i 'http://[::1]:8080/'");
  });

  it("without a probe answer it does not guess TLS from the port: Medium, low confidence, and says why", () => {
    for (const probes of [[], [probe(80, { via: "unavailable", error: "forwarding refused" })], [probe(80, { error: "timeout" })]]) {
      const [d] = rule.classify(classificationInput(factsWith([nginx()]), probes));
      expect(d).toMatchObject({ severity: "MEDIUM", confidence: "low" });
      expect(d!.severityReason).toMatch(/not guessed from the port number/);
    }
  });

  it("an owner hidden from the audit user: identified by the probe's Server header, High with medium confidence", () => {
    const [d] = rule.classify(classificationInput(factsWith([hiddenSocket("0.0.0.0", 80)]), [httpProbe(80, { server: "nginx/1.22.1" })]));
    expect(d).toMatchObject({ severity: "HIGH", confidence: "medium", executable: null });
    expect(d!.why).toMatch(/identified by the probe only/);
    expect(d!.why).toMatch(/not visible/);
  });

  it("a plain port that only redirects, beside TLS from the same server, is Low", () => {
    const drafts = rule.classify(classificationInput(factsWith([nginx(80), nginx(443)]), [httpProbe(80, { status: 301 }), httpProbe(443, { status: 200 }, { tls: TLS })]));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ port: 80, severity: "LOW" });
  });

  it("a firewall drop on the port takes High to Low, naming the rule", () => {
    const fw = firewall("ufw", [fwRule("80/tcp DENY IN Anywhere", { chain: "ufw in", action: "deny", ports: [80] }), fwRule("80/tcp (v6) DENY IN Anywhere (v6)", { chain: "ufw in (v6)", action: "deny", ports: [80] })], "deny");
    const [d] = rule.classify(classificationInput(factsWith([nginx()], { firewalls: [fw] }), [httpProbe(80)]));
    expect(d!.severity).toBe("LOW");
    expect(d!.severityReason).toContain("`80/tcp DENY IN Anywhere` (ufw ufw in)");
  });

  it("TLS is another rule's", () => {
    expect(rule.classify(classificationInput(factsWith([nginx(443)]), [httpProbe(443, {}, { tls: TLS })]))).toEqual([]);
  });
});

describe("plain-http-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["nginx-http", "nginx-tls", "dual-stack", "sudo-denied", "firewalled"]);
  }, 60_000);

  it("with probe answers: High for nginx on :80 (also when its owner is hidden) and on the IPv6-only :8080", () => {
    for (const [s, port] of [
      ["nginx-http", 80],
      ["sudo-denied", 80],
      ["dual-stack", 8080],
      ["firewalled", 80],
    ] as const) {
      expect(summary(rule.classify(labInput(lab, s, "stand-ins"))), s).toEqual([`HIGH tcp/${port}`]);
    }
  });

  it("discovery only: nginx on :80 and on :443 look alike, so both are Medium; TLS is never read off the port", () => {
    expect(summary(rule.classify(labInput(lab, "nginx-http", "none")))).toEqual(["MEDIUM tcp/80"]);
    expect(summary(rule.classify(labInput(lab, "nginx-tls", "none")))).toEqual(["MEDIUM tcp/443"]);
    expect(rule.classify(labInput(lab, "nginx-tls", "stand-ins"))).toEqual([]);
  });
});

describe("plain-http-exposed, answers that are not HTTP", () => {
  it("nginx proxying some other protocol: the probe's non-HTTP answer is not called plain HTTP", () => {
    const [d] = rule.classify(classificationInput(factsWith([nginx(5000)]), [probe(5000, { protocol: "unknown", banner: "220 hello" })]));
    expect(d).toMatchObject({ severity: "MEDIUM", confidence: "low" });
    expect(d!.why).toMatch(/not in HTTP/);
  });
});
