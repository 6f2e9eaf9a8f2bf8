import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { bareHttpServer as rule } from "./bare-http-server";
import { classificationInput, factsWith, hiddenSocket, httpProbe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const pyServer = (over = {}) => socket({ port: 8000, name: "python3", pid: 39, exe: "/usr/bin/python3.11", cmdline: ["/usr/bin/python3", "-m", "http.server", "8000"], cwd: "/tmp", user: "dev", ...over });

describe("bare-http-server", () => {
  it("python -m http.server on 0.0.0.0 is Critical from its command line, and says what it serves", () => {
    const [d] = rule.classify(classificationInput(factsWith([pyServer()])));
    expect(d).toMatchObject({ severity: "CRITICAL", confidence: "medium", port: 8000, executable: "/usr/bin/python3.11" });
    expect(d!.why).toContain("serves /tmp");
    expect(d!.reproduce).toContain("curl -sS -i 'http://127.0.0.1:8000/'");
  });

  it("a probe answer in plain HTTP raises the confidence", () => {
    const [d] = rule.classify(classificationInput(factsWith([pyServer()]), [httpProbe(8000, { server: "SimpleHTTP/0.6 Python/3.11.2" })]));
    expect(d!.confidence).toBe("high");
  });

  it("an owner hidden from the audit user, told by the probe's Server header", () => {
    const [d] = rule.classify(classificationInput(factsWith([hiddenSocket("0.0.0.0", 8000)]), [httpProbe(8000, { server: "SimpleHTTP/0.6 Python/3.11.2" })]));
    expect(d).toMatchObject({ severity: "CRITICAL", executable: null, confidence: "medium" });
  });

  it("an INTERNAL host: High", () => {
    expect(rule.classify(classificationInput(factsWith([pyServer()]), [], "INTERNAL"))[0]!.severity).toBe("HIGH");
  });

  it("bound to loopback: not exposed, not this rule's", () => {
    expect(rule.classify(classificationInput(factsWith([pyServer({ address: "127.0.0.1" })])))).toEqual([]);
  });
});

describe("bare-http-server on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["cron-http-server", "dual-stack", "nginx-http"]);
  }, 60_000);

  it("cron-http-server: the @reboot http.server in /tmp on 0.0.0.0:8000", () => {
    const drafts = rule.classify(labInput(lab, "cron-http-server"));
    expect(drafts.map((d) => `${d.severity} ${d.proto}/${d.port} ${d.executable}`)).toEqual(["CRITICAL tcp/8000 /usr/bin/python3.11"]);
  });

  it("dual-stack: the metrics exporter's http.server on *:9100 is Critical on both families", () => {
    const [d] = rule.classify(labInput(lab, "dual-stack"));
    expect(d).toMatchObject({ severity: "CRITICAL", port: 9100, address: "*" });
    expect(d!.why).toContain("every IPv4 and IPv6 interface");
  });

  it("nginx is not a bare HTTP server", () => {
    expect(rule.classify(labInput(lab, "nginx-http"))).toEqual([]);
  });
});
