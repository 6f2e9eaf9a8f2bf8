import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { loopbackOnlyListener as rule } from "./loopback-only-listener";
import { classificationInput, factsWith, probe, socket, summary } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

describe("loopback-only-listener", () => {
  it("a datastore on 127.0.0.1 and ::1 is Low, named from the process ss printed", () => {
    const v4 = socket({ address: "127.0.0.1", port: 5432, name: "postgres", pid: 45 });
    const v6 = socket({ address: "::1", port: 5432, name: "postgres", pid: 45 });
    const drafts = rule.classify(classificationInput(factsWith([v4, v6])));
    expect(summary(drafts)).toEqual(["LOW tcp/5432"]);
    expect(drafts[0]).toMatchObject({ ruleId: "loopback-only-listener", title: "PostgreSQL on tcp/5432 is bound to loopback only", confidence: "high", executable: null, evidence: ["ss-tcp"] });
    expect(drafts[0]!.reproduce.split("\n")[0]).toBe("ss -H -tlnp 'sport = :5432'");
  });

  it("says when a loopback service answers without credentials (local users can use it)", () => {
    const s = socket({ address: "127.0.0.1", port: 6379, name: "redis-server", pid: 3 });
    const [d] = rule.classify(classificationInput(factsWith([s]), [probe(6379, { protocol: "redis", authRequired: false }, "127.0.0.1")]));
    expect(d!.why).toMatch(/every local user/);
  });

  it("non-loopback sockets are not this rule's", () => {
    expect(rule.classify(classificationInput(factsWith([socket({ port: 5432, name: "postgres", pid: 45 })])))).toEqual([]);
  });

  it("a non-root audit user gets sudo in the reproduce command", () => {
    const s = socket({ address: "127.0.0.1", port: 5432, name: "postgres", pid: 45 });
    const [d] = rule.classify(classificationInput(factsWith([s], { identity: { uid: 1000, user: "audit", gid: 1000, groups: [] } })));
    expect(d!.reproduce).toContain("sudo ss -H -tlnp 'sport = :5432'");
  });
});

describe("loopback-only-listener on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["localhost-only", "node-debug", "sudo-nopasswd", "redis-open"]);
  }, 60_000);

  it("finds the loopback-only datastores and application port of the lab hosts", () => {
    expect(summary(rule.classify(labInput(lab, "localhost-only")))).toEqual(["LOW tcp/5432", "LOW tcp/6379"]);
    const node = rule.classify(labInput(lab, "node-debug"));
    expect(summary(node)).toEqual(["LOW tcp/3000"]);
    // The same node process owns the exposed inspector socket, whose forensics name it.
    expect(node[0]!.why).toContain("/usr/bin/node");
    expect(node[0]!.why).toContain("unit shop-api.service");
    expect(node[0]!.executable).toBeNull();
    expect(summary(rule.classify(labInput(lab, "sudo-nopasswd")))).toEqual(["LOW tcp/6379"]);
    expect(rule.classify(labInput(lab, "redis-open"))).toEqual([]);
  });
});
