// `ls -1 /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly`: a "DIR:" header
// and the directory's entries, directories separated by blank lines. Each entry is a script
// run as root by run-parts on that period.
import type { TCronJob, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank } from "../collect";

const PERIODS: Record<string, string> = { hourly: "@hourly", daily: "@daily", weekly: "@weekly", monthly: "@monthly" };

export function parseCronPeriodic(text: string): TParsed<TCronJob> {
  const out = collector<TCronJob>();
  let dir: string | null = null;
  let schedule = "";
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const header = /^(\/etc\/cron\.(hourly|daily|weekly|monthly)):$/.exec(line);
    if (header) {
      dir = header[1] as string;
      schedule = PERIODS[header[2] as string] as string;
      return;
    }
    if (line.endsWith(":") && line.startsWith("/")) {
      dir = null;
      return out.skip(no, line, "directory that is not a cron period");
    }
    if (!dir) return out.skip(no, line, "entry before any directory header");
    if (line.includes("/")) return out.skip(no, line, "not a file name");
    // run-parts skips names with a dot (e.g. backup.sh) on Debian; listed anyway, as on disk.
    out.add({ source: dir, schedule, user: "root", command: clip(`${dir}/${line}`) });
  });
  return out.result();
}
