import { describe, expect, it } from "vitest";
import { fixtureOutputs } from "../load-fixtures";
import { parseProcStatus } from "./parse";

describe("/proc/PID/status", () => {
  it("nginx-http: the master runs as root, its workers as www-data (uid 33) under it", () => {
    const all = fixtureOutputs("proc-status", "lab-nginx-http.json").map((o) => parseProcStatus(o.stdout));
    expect(all.every((r) => r.unparsed.length === 0)).toBe(true);
    const nginx = all.map((r) => r.items[0]).filter((s) => s?.name === "nginx");
    const master = nginx.find((s) => s?.uid === 0);
    expect(master?.ppid).toBe(1);
    const workers = nginx.filter((s) => s?.uid === 33);
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.every((w) => w?.ppid === master?.pid && w?.euid === 33 && w?.gid === 33)).toBe(true);
  });

  it("a status without Uid is reported, not half-filled", () => {
    const r = parseProcStatus("Name:\tx\nPid:\t5\nPPid:\t1\n");
    expect(r.items).toEqual([]);
    expect(r.unparsed[0]?.reason).toMatch(/Uid/);
  });
});
