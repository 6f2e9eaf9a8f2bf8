import { describe, expect, it } from "vitest";
import { asRoot } from "../../../lib/audit/command-set";
import { loadCaptures } from "../sim/capture-format";
import { listenerProblems, serviceProblems } from "./check";
import { planHosts, SCENARIOS } from "./index";

const captures = new Map(loadCaptures().map((c) => [c.scenario, c]));

// What the audit sees at best: the sudo -n variant where it worked, else the plain command.
function out(scenarioId: string, command: string): string {
  const c = captures.get(scenarioId)!;
  const sudo = c.commands[asRoot(command)];
  return (sudo?.exitCode === 0 ? sudo : c.commands[command])!.stdout;
}

describe("lab scenarios (the lab's ground truth)", () => {
  it("have unique ids and cover every case the issue asks for", () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const reaches = new Set(SCENARIOS.map((s) => s.reach));
    expect(reaches).toEqual(new Set(["up", "unreachable", "host-key-changed"]));
    const listeners = SCENARIOS.flatMap((s) => s.expected.listeners);
    expect(listeners.some((l) => l.proto === "udp")).toBe(true);
    expect(listeners.some((l) => l.address === "*")).toBe(true);
    expect(listeners.some((l) => l.address === "[::]" && !listeners.some((o) => o.port === l.port && o.address === "0.0.0.0"))).toBe(true);
    expect(SCENARIOS.some((s) => s.auditUser.sudo === "nopasswd")).toBe(true);
    expect(SCENARIOS.some((s) => s.auditUser.sudo === "none")).toBe(true);
    expect(SCENARIOS.some((s) => s.nftables !== undefined)).toBe(true);
  });

  it("state every expected finding on a listener the scenario has", () => {
    for (const s of SCENARIOS) {
      for (const f of s.expected.findings) {
        const l = s.expected.listeners.find((x) => x.proto === f.proto && x.port === f.port && x.address === f.bind);
        expect(l, `${s.id}: finding on ${f.proto}/${f.port} ${f.bind}`).toBeDefined();
        expect(l!.process).toBe(f.owner.process);
      }
    }
  });

  it("name hosts after their scenario and cycle when asked for more hosts than scenarios", () => {
    const plans = planHosts(SCENARIOS.length + 2);
    expect(plans[0]!.name).toBe(`lab01-${SCENARIOS[0]!.id}`);
    expect(plans[SCENARIOS.length]!.scenario.id).toBe(SCENARIOS[0]!.id);
    for (const p of plans) expect(p.name.length).toBeLessThanOrEqual(63);
  });

  it.each(SCENARIOS.filter((s) => s.reach !== "unreachable").map((s) => s.id))(
    "match what the real lab machine showed for %s (committed capture)",
    (id) => {
      const s = SCENARIOS.find((x) => x.id === id)!;
      expect(listenerProblems(s, out(id, "ss -H -tlnp"), out(id, "ss -H -ulnp"))).toEqual([]);
      expect(serviceProblems(s, out(id, "systemctl list-units --type=service --state=running --no-pager --plain"))).toEqual([]);
    },
  );

  it("show a non-root audit user without sudo no process owners (what the audit must cope with)", () => {
    const ss = captures.get("sudo-denied")!.commands["ss -H -tlnp"]!;
    expect(ss.exitCode).toBe(0);
    expect(ss.stdout).not.toMatch(/users:/);
    expect(captures.get("sudo-denied")!.commands[asRoot("ss -H -tlnp")]!.stderr).toMatch(/password is required/);
  });
});
