import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { debugEndpointExposed as rule } from "./debug-endpoint-exposed";
import { classificationInput, factsWith, hiddenSocket, httpProbe, probe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const node = (flag: string, port: number, address = "0.0.0.0") => socket({ address, port, name: "node", pid: 35, exe: "/usr/bin/node", cmdline: ["/usr/bin/node", flag, "/srv/app/server.js"], user: "app" });

describe("debug-endpoint-exposed", () => {
  it("node --inspect=0.0.0.0:9229 is Critical, high confidence from the flag, with a /json/version check", () => {
    const [d] = rule.classify(classificationInput(factsWith([node("--inspect=0.0.0.0:9229", 9229)])));
    expect(d).toMatchObject({ severity: "CRITICAL", confidence: "high", port: 9229, executable: "/usr/bin/node" });
    expect(d!.why).toContain("binds it to 0.0.0.0");
    expect(d!.reproduce).toContain("curl -sS 'http://127.0.0.1:9229/json/version'");
  });

  it("an inspector found by the probe behind a hidden owner", () => {
    const [d] = rule.classify(classificationInput(factsWith([hiddenSocket("0.0.0.0", 9230)]), [probe(9230, { protocol: "inspector", authRequired: false })]));
    expect(d).toMatchObject({ severity: "CRITICAL", confidence: "medium" });
  });

  it("the application port of a process started with --inspect is not a debugger", () => {
    expect(rule.classify(classificationInput(factsWith([node("--inspect=127.0.0.1:9229", 3000)])))).toEqual([]);
  });

  it("pprof answering on a public HTTP port is a second, Critical finding on that port", () => {
    const app = socket({ port: 6060, name: "api", pid: 77, exe: "/usr/local/bin/api", cmdline: ["/usr/local/bin/api"] });
    const [d] = rule.classify(classificationInput(factsWith([app]), [httpProbe(6060, { paths: [{ path: "/debug/pprof/", status: 200 }] })]));
    expect(d).toMatchObject({ severity: "CRITICAL", port: 6060, title: expect.stringContaining("pprof") });
    expect(d!.reproduce).toContain("'http://127.0.0.1:6060/debug/pprof/'");
    const closed = rule.classify(classificationInput(factsWith([app]), [httpProbe(6060, { paths: [{ path: "/debug/pprof/", status: 404 }] })]));
    expect(closed).toEqual([]);
    // A catch-all server answers 200 everywhere: not evidence of pprof.
    const catchAll = httpProbe(6060, { paths: [{ path: "/debug/pprof/", status: 200 }] }, { details: { unknownPathStatus: "200" } });
    expect(rule.classify(classificationInput(factsWith([app]), [catchAll]))).toEqual([]);
  });
});

describe("debug-endpoint-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["node-debug"]);
  }, 60_000);

  it("node-debug: the shop-api inspector on 0.0.0.0:9229 and not its loopback application port", () => {
    const drafts = rule.classify(labInput(lab, "node-debug"));
    expect(drafts.map((d) => `${d.severity} ${d.proto}/${d.port} ${d.executable}`)).toEqual(["CRITICAL tcp/9229 /usr/bin/node"]);
    expect(drafts[0]!.why).toContain("shop-api.service");
  });
});
