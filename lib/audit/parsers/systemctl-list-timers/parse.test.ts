import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseSystemctlListTimers } from "./parse";

const timers = (file: string) => parseSystemctlListTimers(fixtureOutput("systemctl-list-timers", file, "systemd-timers").stdout);

describe("systemctl list-timers", () => {
  it("sudo-nopasswd: finds the scenario's logrotate-nginx timer and what it activates", () => {
    const r = timers("lab-sudo-nopasswd.json");
    expect(r.unparsed).toEqual([]);
    expect(r.items).toHaveLength(7);
    const t = r.items.find((x) => x.unit === "logrotate-nginx.timer");
    expect(t?.activates).toBe("logrotate-nginx.service");
    expect(t?.next).toMatch(/^\w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(t?.last).toBeNull();
  });

  it("a timer that never ran and is not scheduled has neither next nor last", () => {
    const r = timers("lab-redis-open.json");
    expect(r.items.find((x) => x.unit === "fstrim.timer")).toEqual({ unit: "fstrim.timer", activates: "fstrim.service", next: null, last: null });
  });

  it("reads LAST at the header's offsets, spaces and all", () => {
    const text = [
      "NEXT                        LEFT     LAST                        PASSED       UNIT            ACTIVATES",
      "Sun 2026-11-22 00:00:00 UTC 18h left Sat 2026-11-21 00:00:03 UTC 5h 59min ago logrotate.timer logrotate.service",
      "",
      "1 timers listed.",
    ].join("\n");
    expect(parseSystemctlListTimers(text)).toEqual({
      items: [{ unit: "logrotate.timer", activates: "logrotate.service", next: "Sun 2026-11-22 00:00:00 UTC", last: "Sat 2026-11-21 00:00:03 UTC" }],
      unparsed: [],
    });
  });

  it("no systemd: nothing", () => {
    expect(timers("curated-no-systemd-pid1.json")).toEqual({ items: [], unparsed: [] });
  });
});
