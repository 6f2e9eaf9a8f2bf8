import { beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../scripts/lab/scenarios";
import type { THostAuditResult } from "../audit-types";
import { sshExposed as rule } from "./ssh-exposed";
import { classificationInput, factsWith, hiddenSocket, probe, socket, summary } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const sshd = () => socket({ port: 22, name: "sshd", pid: 39, exe: "/usr/sbin/sshd", cmdline: ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"], systemdUnit: "ssh.service" });
const sshProbe = (authMethods: string) => probe(22, { protocol: "ssh", banner: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6", details: { authMethods } });

describe("ssh-exposed", () => {
  it("sshd on every interface is Low, and says password logins were not checked", () => {
    const [d] = rule.classify(classificationInput(factsWith([sshd()])));
    expect(d).toMatchObject({ severity: "LOW", confidence: "medium", port: 22, executable: "/usr/sbin/sshd" });
    expect(d!.severityReason).toMatch(/whether it also accepts passwords was not checked/);
    expect(d!.reproduce).toContain("sshd -T");
  });

  it("key-only per the probe: Low with high confidence; passwords offered: Medium", () => {
    expect(rule.classify(classificationInput(factsWith([sshd()]), [sshProbe("publickey")]))[0]).toMatchObject({ severity: "LOW", confidence: "high" });
    const [d] = rule.classify(classificationInput(factsWith([sshd()]), [sshProbe("publickey,password")]));
    expect(d).toMatchObject({ severity: "MEDIUM", confidence: "high" });
    expect(d!.why).toContain("publickey, password");
  });

  it("an SSH server the probe recognises behind a hidden owner", () => {
    const [d] = rule.classify(classificationInput(factsWith([hiddenSocket("0.0.0.0", 2222)]), [{ ...sshProbe("publickey"), port: 2222 }]));
    expect(d).toMatchObject({ severity: "LOW", port: 2222 });
  });
});

describe("ssh-exposed on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  beforeAll(async () => {
    lab = await auditLabFleet(up);
  }, 120_000);

  it("every lab host where the owner is visible: sshd on 0.0.0.0:22 and [::]:22 is Low", () => {
    for (const s of up.filter((x) => x !== "sudo-denied")) expect(summary(rule.classify(labInput(lab, s))), s).toEqual(["LOW tcp/22"]);
  });

  it("sudo-denied without probes: the owner of :22 is hidden, so it is not called SSH from the port number", () => {
    expect(rule.classify(labInput(lab, "sudo-denied", "none"))).toEqual([]);
  });
});
