import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { datastoreNetworkExposed as rule } from "./datastore-network-exposed";
import { classificationInput, container, factsWith, probe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const postgres = (address = "0.0.0.0") => socket({ address, port: 5432, name: "postgres", pid: 50, exe: "/usr/lib/postgresql/15/bin/postgres", user: "postgres" });

describe("datastore-network-exposed", () => {
  it("postgres on every interface is High even though it asks for a password, and names the method", () => {
    const [d] = rule.classify(classificationInput(factsWith([postgres()]), [probe(5432, { protocol: "postgresql", authRequired: true, details: { authMethod: "scram-sha-256" } })]));
    expect(d).toMatchObject({ severity: "HIGH", confidence: "high", port: 5432 });
    expect(d!.why).toContain("scram-sha-256");
    expect(d!.reproduce).toContain("psql 'host=127.0.0.1 port=5432");
  });

  it("without a probe: still High (exposure is the issue), lower confidence, and says auth comes from discovery only", () => {
    const [d] = rule.classify(classificationInput(factsWith([postgres()])));
    expect(d).toMatchObject({ severity: "HIGH", confidence: "medium" });
    expect(d!.why).toMatch(/not verified/);
    expect(d!.why).toMatch(/discovery only/);
    const [u] = rule.classify(classificationInput(factsWith([postgres()]), [probe(5432, { via: "unavailable", error: "administratively prohibited" })]));
    expect(u!.why).toMatch(/port forwarding refused/);
  });

  it("bound to a private address only: lowered one level, with the address", () => {
    const [d] = rule.classify(classificationInput(factsWith([postgres("10.0.0.5")])));
    expect(d!.severity).toBe("MEDIUM");
    expect(d!.severityReason).toContain("private address 10.0.0.5");
  });

  it("a container publishing postgres with no host socket is found through docker ps, and the firewall is said not to apply", () => {
    const c = container({ image: "postgres:16", names: ["db"], ports: [{ hostIp: "0.0.0.0", hostPort: 5433, containerPort: 5432, proto: "tcp" }] });
    const [d] = rule.classify(classificationInput(factsWith([], { containers: [c] })));
    expect(d).toMatchObject({ severity: "HIGH", port: 5433, executable: null });
    expect(d!.why).toContain("image postgres:16");
    expect(d!.reproduce).toContain("docker ps --filter 'publish=5433/tcp'");
    expect(d!.evidence).toContain("docker-ps");
  });

  it("loopback datastores are not this rule's", () => {
    expect(rule.classify(classificationInput(factsWith([postgres("127.0.0.1")])))).toEqual([]);
  });
});

describe("datastore-network-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["redis-open", "firewalled", "localhost-only"]);
  }, 60_000);

  it("redis-open without probes: redis identified by its process, High, auth not verified", () => {
    const [d, ...rest] = rule.classify(labInput(lab, "redis-open"));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "HIGH", port: 6379, executable: "/usr/bin/redis-check-rdb" });
    expect(d!.why).toMatch(/the process is redis-server/);
  });

  it("firewalled without probes: the nftables drop takes it to Low and the finding quotes the rule", () => {
    const [d] = rule.classify(labInput(lab, "firewalled"));
    expect(d!.severity).toBe("LOW");
    expect(d!.severityReason).toContain("`tcp dport 6379 drop`");
    expect(d!.evidence).toContain("nft-ruleset");
    expect(d!.reproduce).toContain("nft list ruleset");
  });

  it("localhost-only: nothing exposed", () => {
    expect(rule.classify(labInput(lab, "localhost-only"))).toEqual([]);
  });
});
