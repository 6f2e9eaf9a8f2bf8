import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { classificationInput, factsWith, httpProbe, socket, summary, TLS } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";
import { tlsServiceExposed as rule } from "./tls-service-exposed";

const nginx = () => socket({ port: 443, name: "nginx", pid: 41, exe: "/usr/sbin/nginx" });

describe("tls-service-exposed", () => {
  it("a web server completing a TLS handshake is Low, with the certificate's state on file", () => {
    const [d] = rule.classify(classificationInput(factsWith([nginx()]), [httpProbe(443, { status: 403, authRequired: true }, { tls: TLS })]));
    expect(d).toMatchObject({ ruleId: "tls-service-exposed", severity: "LOW", confidence: "high" });
    expect(d!.why).toMatch(/self-signed/);
    expect(d!.why).toContain("2030-01-01");
    expect(d!.reproduce).toContain("openssl s_client -connect 127.0.0.1:443 -brief </dev/null");
  });

  it("notes a deprecated protocol", () => {
    const [d] = rule.classify(classificationInput(factsWith([nginx()]), [httpProbe(443, {}, { tls: { ...TLS, protocol: "TLSv1" } })]));
    expect(d!.why).toMatch(/TLSv1, which is deprecated/);
  });

  it("needs a probe that saw TLS", () => {
    expect(rule.classify(classificationInput(factsWith([nginx()])))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([nginx()]), [httpProbe(443)]))).toEqual([]);
  });
});

describe("tls-service-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["nginx-tls", "nginx-http"]);
  }, 60_000);

  it("nginx-tls: :443 over TLS 1.3 with the snakeoil certificate is Low", () => {
    const drafts = rule.classify(labInput(lab, "nginx-tls", "stand-ins"));
    expect(summary(drafts)).toEqual(["LOW tcp/443"]);
    const d = drafts[0];
    expect(d).toMatchObject({ severity: "LOW", port: 443, executable: "/usr/sbin/nginx" });
    expect(d!.why).toMatch(/TLSv1\.3/);
  });

  it("nginx-http has no TLS", () => {
    expect(rule.classify(labInput(lab, "nginx-http", "stand-ins"))).toEqual([]);
  });
});
