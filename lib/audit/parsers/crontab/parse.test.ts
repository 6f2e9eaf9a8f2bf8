import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { crontabOptionsFor, parseCrontab } from "./parse";

const fromFixture = (file: string, id: string) => {
  const o = fixtureOutput("crontab", file, id);
  return parseCrontab(o.stdout, crontabOptionsFor(o.command, "root"));
};

describe("crontab", () => {
  it("cron-http-server: dev's @reboot job starts a web server from /tmp", () => {
    const r = fromFixture("lab-cron-http-server.json", "crontab-user");
    expect(r).toEqual({
      items: [{ source: "crontab -l (dev)", schedule: "@reboot", user: "dev", command: "cd /tmp && /usr/bin/python3 -m http.server 8000 >/dev/null 2>&1" }],
      unparsed: [],
    });
  });

  it("/etc/crontab: the system format's user column; SHELL=/PATH= and comments skipped silently", () => {
    const r = fromFixture("lab-cron-http-server.json", "etc-crontab");
    expect(r.unparsed).toEqual([]);
    expect(r.items).toHaveLength(4);
    expect(r.items[0]).toEqual({ source: "/etc/crontab", schedule: "17 * * * *", user: "root", command: "cd / && run-parts --report /etc/cron.hourly" });
    expect(r.items[1]?.command).toBe("test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }");
  });

  it("a user crontab with env lines (also 'PATH = x'), @daily, names and ranges in time fields", () => {
    const [withJobs] = fixtureOutputs("crontab", "curated-user-crontab-env.json");
    const r = parseCrontab(withJobs?.stdout ?? "", crontabOptionsFor(withJobs?.command ?? ""));
    expect(r.unparsed).toEqual([]);
    expect(r.items.map((j) => j.schedule)).toEqual(["@reboot", "*/5 * * * *", "0 3 * * mon-fri", "30 2 1,15 * *", "@daily"]);
    expect(r.items.every((j) => j.user === "palisadecap" && j.source === "crontab -l (palisadecap)")).toBe(true);
    expect(r.items[0]?.command).toBe("/opt/agent/bin/agent --listen 0.0.0.0:9999");
    expect(r.items[4]?.command).toBe('/usr/bin/python3 /home/dev/report.py % "summary"');
  });

  it("no crontab: nothing at all", () => {
    expect(fromFixture("lab-redis-open.json", "crontab-self")).toEqual({ items: [], unparsed: [] });
  });

  it("the user format is never guessed as the system one, and bad lines are reported", () => {
    const user = parseCrontab("17 * * * * root cd /\n");
    expect(user.items[0]).toMatchObject({ user: null, command: "root cd /" });
    const bad = parseCrontab("@often /bin/x\n61 * * *\n* * * * *\n", { format: "system", source: "/etc/crontab", user: null });
    expect(bad.items).toEqual([]);
    expect(bad.unparsed.map((u) => u.line)).toEqual([1, 2, 3]);
  });
});
