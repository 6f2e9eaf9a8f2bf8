import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { exposedListenerUnclassified as rule } from "./exposed-listener-unclassified";
import { classificationInput, factsWith, hiddenSocket, probe, socket, summary, TLS } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

describe("exposed-listener-unclassified", () => {
  it("an owner hidden from the audit user, no probe answer: Medium, low confidence, and how to see more", () => {
    const [d] = rule.classify(classificationInput(factsWith([hiddenSocket("0.0.0.0", 5000)])));
    expect(d).toMatchObject({ severity: "MEDIUM", confidence: "low", port: 5000, executable: null });
    expect(d!.title).toMatch(/owner not visible/);
    expect(d!.why).toMatch(/re-run as root or with password-less sudo/);
    expect(d!.severityReason).toMatch(/not guessed from the port number/);
  });

  it("a process the rules do not know: Medium, named", () => {
    const s = socket({ port: 7000, name: "acme-agent", pid: 5, exe: "/opt/acme/bin/acme-agent" });
    const [d] = rule.classify(classificationInput(factsWith([s]), [probe(7000, { protocol: "unknown", error: null })]));
    expect(d).toMatchObject({ severity: "MEDIUM", executable: "/opt/acme/bin/acme-agent", title: expect.stringContaining("acme-agent") });
    expect(d!.why).toMatch(/probe answer does not identify the protocol/);
  });

  it("system daemons that must face the network are Low", () => {
    const s = socket({ address: "0.0.0.0", port: 68, proto: "udp", name: "dhclient", pid: 300, exe: "/usr/sbin/dhclient" });
    expect(rule.classify(classificationInput(factsWith([s])))[0]).toMatchObject({ severity: "LOW", proto: "udp" });
  });

  it("an unknown service speaking TLS is the TLS rule's; a known one is its own rule's", () => {
    const s = socket({ port: 7443, name: "acme-agent", pid: 5, exe: "/opt/acme/bin/acme-agent" });
    expect(rule.classify(classificationInput(factsWith([s]), [probe(7443, { tls: TLS })]))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([socket({ port: 6379, name: "redis-server", pid: 2 })])))).toEqual([]);
  });
});

describe("exposed-listener-unclassified on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["sudo-denied", "nginx-http", "redis-open"]);
  }, 60_000);

  it("sudo-denied without probes: both hidden listeners (:22 and :80) are Medium, not guessed", () => {
    expect(summary(rule.classify(labInput(lab, "sudo-denied")))).toEqual(["MEDIUM tcp/22", "MEDIUM tcp/80"]);
  });

  it("sudo-denied with probe answers: :80 is identified (not this rule's any more), :22 stays Medium", () => {
    expect(summary(rule.classify(labInput(lab, "sudo-denied", "stand-ins")))).toEqual(["MEDIUM tcp/22"]);
  });

  it("hosts whose owners are visible have nothing unclassified", () => {
    for (const s of ["nginx-http", "redis-open"]) expect(rule.classify(labInput(lab, s)), s).toEqual([]);
  });
});
