import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { exposedUnauthenticatedDatastore as rule } from "./exposed-unauthenticated-datastore";
import { classificationInput, factsWith, hiddenSocket, probe, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const redis = () => socket({ port: 6379, name: "redis-server", pid: 35, exe: "/usr/bin/redis-check-rdb", cmdline: ["/usr/bin/redis-server 0.0.0.0:6379"], user: "redis", systemdUnit: "redis-server.service" });
const pong = probe(6379, { protocol: "redis", authRequired: false, banner: "+PONG" });

describe("exposed-unauthenticated-datastore", () => {
  it("redis answering PING without AUTH on 0.0.0.0 is Critical, with the commands and evidence to check it", () => {
    const [d, ...rest] = rule.classify(classificationInput(factsWith([redis()]), [pong]));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: "exposed-unauthenticated-datastore", severity: "CRITICAL", confidence: "high", proto: "tcp", port: 6379, address: "0.0.0.0", executable: "/usr/bin/redis-check-rdb" });
    expect(d!.reproduce.split("\n")).toEqual(expect.arrayContaining(["ss -H -tlnp 'sport = :6379'", "redis-cli -h 127.0.0.1 -p 6379 PING", "readlink /proc/35/exe /proc/35/cwd"]));
    expect(d!.evidence).toEqual(expect.arrayContaining(["ss-tcp", "proc-exe:35", "probe:6379"]));
    expect(d!.why).toContain("without asking for credentials");
    expect(d!.severityReason).toMatch(/^Critical: an exposed Redis with no authentication/);
  });

  it("does not claim 'no authentication' without a probe answer: redis alone, or a redis that asks for AUTH, is another rule's", () => {
    expect(rule.classify(classificationInput(factsWith([redis()])))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([redis()]), [probe(6379, { protocol: "redis", authRequired: true, banner: "-NOAUTH" })]))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([redis()]), [{ ...pong, via: "unavailable", error: "forwarding refused" }]))).toEqual([]);
  });

  it("memcached without -S/-Y is unauthenticated from its command line alone, on TCP and UDP; with SASL it is not", () => {
    const argv = ["/usr/bin/memcached", "-m", "64", "-p", "11211", "-l", "0.0.0.0", "-U", "11211"];
    const tcp = socket({ port: 11211, name: "memcached", pid: 7, exe: "/usr/bin/memcached", cmdline: argv });
    const udp = socket({ port: 11211, proto: "udp", name: "memcached", pid: 7, exe: "/usr/bin/memcached", cmdline: argv });
    const drafts = rule.classify(classificationInput(factsWith([tcp, udp])));
    expect(drafts.map((d) => [d.proto, d.severity, d.confidence])).toEqual([
      ["tcp", "CRITICAL", "medium"],
      ["udp", "CRITICAL", "medium"],
    ]);
    expect(drafts[1]!.why).toMatch(/amplification/);
    expect(drafts[1]!.reproduce).toContain("nc -u -w1 127.0.0.1 11211");
    const sasl = socket({ port: 11211, name: "memcached", pid: 7, exe: "/usr/bin/memcached", cmdline: [...argv, "-S"] });
    expect(rule.classify(classificationInput(factsWith([sasl])))).toEqual([]);
  });

  it("a datastore found by the probe behind a hidden owner: Critical, executable unknown, and says the owner is not visible", () => {
    const s = hiddenSocket("0.0.0.0", 27017);
    const [d] = rule.classify(classificationInput(factsWith([s]), [probe(27017, { protocol: "mongodb", authRequired: false })]));
    expect(d).toMatchObject({ severity: "CRITICAL", executable: null });
    expect(d!.why).toMatch(/owning process is not visible/);
  });

  it("dockerd serving tcp:// without --tlsverify is Critical", () => {
    const s = socket({ port: 2375, name: "dockerd", pid: 900, exe: "/usr/bin/dockerd", cmdline: ["/usr/bin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375"] });
    expect(rule.classify(classificationInput(factsWith([s])))[0]).toMatchObject({ severity: "CRITICAL", title: expect.stringContaining("Docker Engine API") });
  });

  it("an INTERNAL host lowers it to High and says so", () => {
    const [d] = rule.classify(classificationInput(factsWith([redis()]), [pong], "INTERNAL"));
    expect(d!.severity).toBe("HIGH");
    expect(d!.severityReason).toMatch(/INTERNAL.*CRITICAL lowered to HIGH/);
  });
});

describe("exposed-unauthenticated-datastore on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["udp-memcached", "redis-open", "firewalled"]);
  }, 60_000);

  it("udp-memcached: memcached's TCP and UDP 11211 on 0.0.0.0, Critical from discovery alone", () => {
    const drafts = rule.classify(labInput(lab, "udp-memcached"));
    expect(drafts.map((d) => `${d.severity} ${d.proto}/${d.port} ${d.executable}`)).toEqual(["CRITICAL tcp/11211 /usr/bin/memcached", "CRITICAL udp/11211 /usr/bin/memcached"]);
  });

  it("redis-open: Critical once the probe hears PONG; the firewalled copy is lowered to Medium by its nftables drop", () => {
    for (const [scenario, severity] of [
      ["redis-open", "CRITICAL"],
      ["firewalled", "MEDIUM"],
    ] as const) {
      const [d] = rule.classify(labInput(lab, scenario, "stand-ins"));
      expect(d, scenario).toMatchObject({ severity, port: 6379, proto: "tcp" });
      expect(rule.classify(labInput(lab, scenario, "none")), `${scenario} without probes`).toEqual([]);
    }
  });
});
