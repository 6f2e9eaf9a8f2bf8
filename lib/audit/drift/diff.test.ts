import { describe, expect, it } from "vitest";
import { applyDrift, diffInventory } from "./diff";
import { snapshotInventory, type TInventoryInput } from "./inventory";

const listener = (address: string, port: number, exe: string | null, more: Partial<TInventoryInput["listeners"][number]> = {}) => ({
  proto: "tcp",
  address,
  port,
  exe,
  processName: exe?.split("/").pop() ?? null,
  user: "root",
  systemdUnit: null,
  containerId: null,
  evidenceKeys: ["ss-tcp"],
  ...more,
});

const host = (hostRunId: string, over: Partial<TInventoryInput> = {}): TInventoryInput => ({
  hostRunId,
  listeners: [listener("0.0.0.0", 22, "/usr/sbin/sshd", { systemdUnit: "ssh.service" }), listener("0.0.0.0", 6379, "/usr/bin/redis-server", { user: "redis", systemdUnit: "redis-server.service" })],
  services: [{ unit: "ssh.service", description: "OpenBSD Secure Shell server", evidenceKeys: ["systemd-services"] }],
  containers: [{ runtime: "docker", containerId: "abc123abc123ffff", image: "nginx:1.25", names: ["web"], ports: [{ hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, proto: "tcp" }], evidenceKeys: ["docker-ps"] }],
  cronJobs: [{ source: "/etc/crontab", schedule: "17 * * * *", user: "root", command: "run-parts /etc/cron.hourly", evidenceKeys: ["etc-crontab"] }],
  timers: [{ unit: "apt-daily.timer", activates: "apt-daily.service", evidenceKeys: ["systemd-timers"] }],
  ...over,
});

describe("snapshotInventory", () => {
  it("keys items by what they are, not by volatile values", () => {
    const items = snapshotInventory(host("hr1"));
    expect(items.map((i) => `${i.kind} ${i.key}`)).toEqual([
      "LISTENER tcp 0.0.0.0:22",
      "LISTENER tcp 0.0.0.0:6379",
      "SERVICE ssh.service",
      "CONTAINER docker web",
      "CRON_JOB /etc/crontab | 17 * * * * | root | run-parts /etc/cron.hourly",
      "TIMER apt-daily.timer",
    ]);
    expect(items[1]).toMatchObject({ hostRunId: "hr1", evidenceKeys: ["ss-tcp"], facts: { exe: "/usr/bin/redis-server", user: "redis", unit: "redis-server.service" } });
  });

  it("numbers identical items so their keys stay unique", () => {
    const cron = { source: "/etc/cron.d/x", schedule: "* * * * *", user: "root", command: "true", evidenceKeys: ["cron-d"] };
    const keys = snapshotInventory(host("hr1", { cronJobs: [cron, cron] })).filter((i) => i.kind === "CRON_JOB").map((i) => i.key);
    expect(keys).toEqual(["/etc/cron.d/x | * * * * * | root | true", "/etc/cron.d/x | * * * * * | root | true #2"]);
  });
});

describe("diffInventory", () => {
  it("finds nothing between two runs of an unchanged host (other PIDs and run ids)", () => {
    expect(diffInventory(snapshotInventory(host("hr1")), snapshotInventory(host("hr2")))).toEqual([]);
  });

  it("reports new, gone and changed items with before/after and the evidence of the side that shows them", () => {
    const before = snapshotInventory(host("hr1"));
    const after = snapshotInventory(
      host("hr2", {
        listeners: [listener("0.0.0.0", 22, "/usr/sbin/sshd", { systemdUnit: "ssh.service" }), listener("127.0.0.1", 6379, null), listener("0.0.0.0", 8765, "/usr/bin/python3.11")],
        containers: [{ runtime: "docker", containerId: "ffff", image: "nginx:1.27", names: ["web"], ports: [{ hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, proto: "tcp" }], evidenceKeys: ["docker-ps"] }],
        cronJobs: [...host("x").cronJobs, { source: "/etc/cron.d/drift", schedule: "*/5 * * * *", user: "root", command: "/bin/true", evidenceKeys: ["cron-d"] }],
      }),
    );
    const d = diffInventory(before, after);
    expect(d.map((e) => `${e.change} ${e.kind} ${e.key} ${e.changes.join(",")}`)).toEqual([
      "GONE LISTENER tcp 0.0.0.0:6379 ",
      "NEW LISTENER tcp 0.0.0.0:8765 ",
      "NEW LISTENER tcp 127.0.0.1:6379 ",
      "CHANGED CONTAINER docker web image: nginx:1.25 -> nginx:1.27",
      "NEW CRON_JOB /etc/cron.d/drift | */5 * * * * | root | /bin/true ",
    ]);
    expect(d[0]).toMatchObject({ before: { hostRunId: "hr1" }, after: null, evidence: { hostRunId: "hr1", keys: ["ss-tcp"] } });
    // Where the later run is known, a gone item's evidence is that run's same command.
    expect(diffInventory(before, after, { afterHostRunId: "hr2" })[0]!.evidence).toEqual({ hostRunId: "hr2", keys: ["ss-tcp"] });
    expect(d[4]).toMatchObject({ before: null, evidence: { hostRunId: "hr2", keys: ["cron-d"] } });
  });

  it("does not call a fact that one side could not see a change", () => {
    const before = snapshotInventory(host("hr1"));
    const hidden = host("hr2").listeners.map((l) => ({ ...l, exe: null, user: null }));
    expect(diffInventory(before, snapshotInventory(host("hr2", { listeners: hidden })))).toEqual([]);
  });

  it("applying every entry to the baseline leaves no drift", () => {
    const before = snapshotInventory(host("hr1"));
    const after = snapshotInventory(host("hr2", { listeners: [listener("0.0.0.0", 8765, "/usr/bin/python3.11")], timers: [] }));
    const entries = diffInventory(before, after);
    expect(entries.map((e) => e.change).sort()).toEqual(["GONE", "GONE", "GONE", "NEW"]);
    const accepted = entries.reduce(applyDrift, before);
    expect(diffInventory(accepted, after)).toEqual([]);
  });
});
