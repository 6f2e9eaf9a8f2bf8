import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseCronD } from "./parse";

describe("grep -rH . /etc/cron.d", () => {
  it("reads e2scrub_all's two jobs with their file as source; comment-only files add nothing", () => {
    const r = parseCronD(fixtureOutput("cron-d", "lab-redis-open.json", "cron-d").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items).toEqual([
      { source: "/etc/cron.d/e2scrub_all", schedule: "30 3 * * 0", user: "root", command: "test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron" },
      { source: "/etc/cron.d/e2scrub_all", schedule: "10 3 * * *", user: "root", command: "test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r" },
    ]);
  });

  it("env lines, @reboot with a user, and unreadable lines", () => {
    const r = parseCronD("/etc/cron.d/php:MAILTO=root\n/etc/cron.d/php:@reboot www-data /usr/bin/php /srv/x.php\nBinary file /etc/cron.d/blob matches\n/etc/cron.d/bad:* * * * *\n");
    expect(r.items).toEqual([{ source: "/etc/cron.d/php", schedule: "@reboot", user: "www-data", command: "/usr/bin/php /srv/x.php" }]);
    expect(r.unparsed.map((u) => u.line)).toEqual([3, 4]);
  });
});
