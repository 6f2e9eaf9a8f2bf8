import { beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../scripts/lab/scenarios";
import type { THostAuditResult } from "../audit-types";
import { classificationInput, factsWith, httpProbe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";
import { wildcardCors as rule } from "./wildcard-cors";

const api = (address = "0.0.0.0") => socket({ address, port: 3000, name: "node", pid: 12, exe: "/usr/bin/node", cmdline: ["/usr/bin/node", "/srv/api/server.js"] });

describe("wildcard-cors", () => {
  it("Access-Control-Allow-Origin: * on a public interface is High, with a curl that sends an Origin", () => {
    const [d] = rule.classify(classificationInput(factsWith([api()]), [httpProbe(3000, { corsAllowOrigin: "*" })]));
    expect(d).toMatchObject({ ruleId: "wildcard-cors", severity: "HIGH", confidence: "high", port: 3000 });
    expect(d!.reproduce).toContain("curl -sS -i -H 'Origin: https://example.invalid' 'http://127.0.0.1:3000/'");
  });

  it("the null origin counts too; a named origin does not", () => {
    expect(rule.classify(classificationInput(factsWith([api()]), [httpProbe(3000, { corsAllowOrigin: "null" })]))).toHaveLength(1);
    expect(rule.classify(classificationInput(factsWith([api()]), [httpProbe(3000, { corsAllowOrigin: "https://app.example.com" })]))).toEqual([]);
  });

  it("an INTERNAL host lowers it to Medium", () => {
    expect(rule.classify(classificationInput(factsWith([api()]), [httpProbe(3000, { corsAllowOrigin: "*" })], "INTERNAL"))[0]!.severity).toBe("MEDIUM");
  });

  it("not on loopback (and loopback listeners are not probed for it)", () => {
    expect(rule.classify(classificationInput(factsWith([api("127.0.0.1")]), [httpProbe(3000, { corsAllowOrigin: "*" }, { address: "127.0.0.1" })]))).toEqual([]);
  });
});

describe("wildcard-cors on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  beforeAll(async () => {
    lab = await auditLabFleet(up);
  }, 120_000);

  it("no lab host answers with a wildcard origin", () => {
    for (const s of up) for (const probes of ["stand-ins", "engine"] as const) expect(rule.classify(labInput(lab, s, probes)), `${s} ${probes}`).toEqual([]);
  });
});

describe("wildcard-cors, reflected origins", () => {
  it("echoing the probe's made-up .invalid origin is as bad as *", () => {
    const [d] = rule.classify(classificationInput(factsWith([api()]), [httpProbe(3000, { corsAllowOrigin: "https://palisade-probe.invalid" })]));
    expect(d).toMatchObject({ severity: "HIGH" });
    expect(d!.title).toMatch(/echoes the requesting origin/);
  });
});
