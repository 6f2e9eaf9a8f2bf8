import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseCronPeriodic } from "./parse";

describe("ls -1 /etc/cron.{hourly,daily,weekly,monthly}", () => {
  it("Debian's daily scripts run as root; empty directories add nothing", () => {
    const r = parseCronPeriodic(fixtureOutput("cron-periodic", "lab-redis-open.json", "cron-periodic").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items).toEqual([
      { source: "/etc/cron.daily", schedule: "@daily", user: "root", command: "/etc/cron.daily/apt-compat" },
      { source: "/etc/cron.daily", schedule: "@daily", user: "root", command: "/etc/cron.daily/dpkg" },
    ]);
  });

  it("an entry before any header is reported", () => {
    expect(parseCronPeriodic("stray\n/etc/cron.weekly:\nman-db\n").items).toEqual([
      { source: "/etc/cron.weekly", schedule: "@weekly", user: "root", command: "/etc/cron.weekly/man-db" },
    ]);
    expect(parseCronPeriodic("stray\n").unparsed[0]?.reason).toMatch(/header/);
  });
});
