import { beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../scripts/lab/scenarios";
import type { THostAuditResult } from "../audit-types";
import { recentlyRestartedListener as rule, startSeconds } from "./recently-restarted-listener";
import { classificationInput, factsWith, socket } from "./testing/facts-factory";
import { auditLabFleet, labInput } from "./testing/lab-fleet";

const BOOT = "Mon Nov  2 08:00:01 2026";
const svc = (port: number, pid: number, name: string, startedAt: string) => socket({ port, name, pid, exe: `/usr/sbin/${name}`, startedAt });

describe("recently-restarted-listener", () => {
  it("a network-facing process started days after the others is Medium, and says how much later", () => {
    const facts = factsWith([svc(22, 10, "sshd", BOOT), svc(80, 11, "nginx", "Mon Nov  2 08:00:03 2026"), svc(25, 12, "exim4", BOOT), svc(6379, 13, "redis-server", "Thu Nov  5 14:30:00 2026")]);
    const [d, ...rest] = rule.classify(classificationInput(facts));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: "recently-restarted-listener", severity: "MEDIUM", port: 6379 });
    expect(d!.title).toContain("3 days after");
    expect(d!.reproduce).toContain("ps -o pid,lstart,etime,cmd -p 13,10,11,12");
  });

  it("processes started together, or too few to compare, are not flagged", () => {
    expect(rule.classify(classificationInput(factsWith([svc(22, 10, "sshd", BOOT), svc(80, 11, "nginx", BOOT), svc(25, 12, "exim4", BOOT)])))).toEqual([]);
    expect(rule.classify(classificationInput(factsWith([svc(22, 10, "sshd", BOOT), svc(80, 11, "nginx", "Thu Nov  5 14:30:00 2026")])))).toEqual([]);
  });

  it("reads ps lstart, and nothing else", () => {
    expect(startSeconds({ startedAt: "Sat Nov 21 05:54:04 2026" })).toBe(Date.UTC(2026, 10, 21, 5, 54, 4) / 1000);
    expect(startSeconds({ startedAt: "Mon Nov  2 08:00:01 2026" })).toBe(Date.UTC(2026, 10, 2, 8, 0, 1) / 1000);
    expect(startSeconds({ startedAt: "yesterday" })).toBeNull();
    expect(startSeconds({ startedAt: null })).toBeNull();
  });
});

describe("recently-restarted-listener on the lab captures", () => {
  let lab: Map<string, THostAuditResult>;
  const up = SCENARIOS.filter((s) => s.reach === "up").map((s) => s.id);
  beforeAll(async () => {
    lab = await auditLabFleet(up);
  }, 120_000);

  it("lab hosts boot their services together: nothing flagged", () => {
    for (const s of up) expect(rule.classify(labInput(lab, s)), s).toEqual([]);
  });
});
