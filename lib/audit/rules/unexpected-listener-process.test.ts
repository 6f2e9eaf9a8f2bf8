import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import { classificationInput, cronJob, factsWith, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";
import { unexpectedListenerProcess as rule } from "./unexpected-listener-process";

const proc = (over = {}) => socket({ port: 4444, name: "kworkerd", pid: 666, exe: "/usr/local/bin/kworkerd", cmdline: ["./kworkerd"], cwd: "/", user: "www-data", ...over });
const run = (over = {}) => rule.classify(classificationInput(factsWith([proc(over)])));

describe("unexpected-listener-process", () => {
  it("an executable under /tmp, /dev/shm, /var/tmp or a home directory is Critical", () => {
    for (const exe of ["/tmp/.x/kworkerd", "/dev/shm/k", "/var/tmp/k", "/home/dev/bin/tool", "/root/miner"]) {
      const [d] = run({ exe });
      expect(d, exe).toMatchObject({ ruleId: "unexpected-listener-process", severity: "CRITICAL", confidence: "high", executable: exe });
      expect(d!.why).toContain(exe);
    }
  });

  it("a deleted executable is Critical and says so", () => {
    const [d] = run({ exeDeleted: true });
    expect(d!.why).toMatch(/has been deleted since it started/);
  });

  it("a working directory in a scratch directory counts; one in a home directory alone does not", () => {
    expect(run({ cwd: "/dev/shm/.cache" })).toHaveLength(1);
    expect(run({ cwd: "/home/deploy/app" })).toEqual([]);
  });

  it("a packaged daemon run from / is not flagged, nor a lookalike path such as /tmpfiles", () => {
    expect(run()).toEqual([]);
    expect(run({ exe: "/tmpfiles/bin/x" })).toEqual([]);
  });

  it("names the cron job that started it and cites the crontab as evidence", () => {
    const job = cronJob({ command: "cd /tmp && ./kworkerd" });
    const s = proc({ exe: "/tmp/kworkerd", parentCmdline: ["/bin/sh", "-c", "cd /tmp && ./kworkerd"] });
    const [d] = rule.classify(classificationInput(factsWith([s], { cronJobs: [job] })));
    expect(d!.why).toContain("started by a cron job (crontab -l (dev): `@reboot cd /tmp && ./kworkerd`) of user dev");
    expect(d!.evidence).toContain("crontab-user:dev");
  });

  it("does not tie it to a cron job whose command merely appears in its parent's", () => {
    const s = proc({ exe: "/tmp/kworkerd", parentCmdline: ["/bin/sh", "-c", "cd /tmp && ./kworkerd --port 4444"] });
    const [d] = rule.classify(classificationInput(factsWith([s], { cronJobs: [cronJob({ command: "kworkerd" })] })));
    expect(d!.why).not.toMatch(/cron job/);
  });

  it("owners hidden from the audit user say nothing either way", () => {
    const s = proc({ pid: null, exe: null, cwd: null });
    expect(rule.classify(classificationInput(factsWith([s])))).toEqual([]);
  });
});

describe("unexpected-listener-process on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  beforeAll(async () => {
    lab = await auditLabFleet(["cron-http-server", "nginx-http", "node-debug", "dual-stack"]);
  }, 60_000);

  it("cron-http-server: python3 serving from /tmp, traced to dev's @reboot crontab", () => {
    const [d, ...rest] = rule.classify(labInput(lab, "cron-http-server"));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "CRITICAL", proto: "tcp", port: 8000, executable: "/usr/bin/python3.11" });
    expect(d!.why).toContain("runs in /tmp");
    expect(d!.why).toContain("@reboot cd /tmp && /usr/bin/python3 -m http.server 8000");
    expect(d!.evidence).toEqual(expect.arrayContaining(["crontab-user:dev", "proc-cwd:39"]));
  });

  it("packaged services on the other lab hosts are not flagged", () => {
    for (const s of ["nginx-http", "node-debug", "dual-stack"]) expect(rule.classify(labInput(lab, s)), s).toEqual([]);
  });
});
