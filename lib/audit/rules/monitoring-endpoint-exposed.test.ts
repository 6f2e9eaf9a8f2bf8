import { beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../scripts/lab/scenarios";
import type { THostAuditResult } from "../audit-types";
import { monitoringEndpointExposed as rule } from "./monitoring-endpoint-exposed";
import { classificationInput, factsWith, httpProbe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const app = () => socket({ port: 8080, name: "java", pid: 9, exe: "/usr/lib/jvm/java-17/bin/java" });
const paths = (...p: Array<[string, number | null]>) => httpProbe(8080, { paths: p.map(([path, status]) => ({ path, status })) });

describe("monitoring-endpoint-exposed", () => {
  it("/metrics and actuator answering 200 on a public interface are High, one finding listing them", () => {
    const [d, ...rest] = rule.classify(classificationInput(factsWith([app()]), [paths(["/metrics", 200], ["/actuator", 200], ["/server-status", 404])]));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: "monitoring-endpoint-exposed", severity: "HIGH", port: 8080 });
    expect(d!.title).toContain("/metrics, /actuator");
    expect(d!.reproduce).toContain("curl -sS -i 'http://127.0.0.1:8080/metrics'");
  });

  it("mentions that actuator env/heapdump leak secrets", () => {
    const [d] = rule.classify(classificationInput(factsWith([app()]), [paths(["/actuator/env", 200])]));
    expect(d!.why).toMatch(/credentials/);
  });

  it("refused or missing paths, and public health checks, are fine", () => {
    expect(rule.classify(classificationInput(factsWith([app()]), [paths(["/metrics", 401], ["/server-status", 403], ["/actuator/health", 200])]))).toEqual([]);
  });
});

describe("monitoring-endpoint-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  beforeAll(async () => {
    lab = await auditLabFleet(up);
  }, 120_000);

  it("no lab host serves a monitoring path on a public interface (the exporter on :9100 serves files, not /metrics)", () => {
    for (const s of up) for (const probes of ["stand-ins", "engine"] as const) expect(rule.classify(labInput(lab, s, probes)), `${s} ${probes}`).toEqual([]);
  });
});

describe("monitoring-endpoint-exposed, catch-all servers", () => {
  it("a server that answers 200 to a made-up path proves nothing by answering 200 to /metrics", () => {
    const p = paths(["/metrics", 200]);
    expect(rule.classify(classificationInput(factsWith([app()]), [{ ...p, details: { unknownPathStatus: "200" } }]))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([app()]), [{ ...p, details: { unknownPathStatus: "404" } }]))).toHaveLength(1);
  });
});
