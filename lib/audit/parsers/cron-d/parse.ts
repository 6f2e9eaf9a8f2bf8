// `grep -rH . /etc/cron.d`: "FILE:LINE" for every non-empty line of every file, each line in
// the system crontab format. grep before 3.5 also printed "Binary file X matches" on stdout.
import type { TCronJob, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank } from "../collect";
import { readCronLine } from "../crontab/cron-line";

export function parseCronD(text: string): TParsed<TCronJob> {
  const out = collector<TCronJob>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    if (line.startsWith("Binary file ")) return out.skip(no, line, "binary file in /etc/cron.d");
    // File names under /etc/cron.d hold no ":" in practice; the first ":" ends the name.
    const colon = line.indexOf(":");
    if (colon <= 0 || !line.startsWith("/")) return out.skip(no, line, "not FILE:LINE");
    const r = readCronLine(line.slice(colon + 1), true);
    if (r.kind === "bad") return out.skip(no, line, r.reason);
    // Debian's cron ignores file names with a dot (dpkg leftovers); they are still listed here:
    // the reviewer sees what is on disk.
    if (r.kind === "job") out.add({ source: clip(line.slice(0, colon), 255), schedule: r.schedule, user: r.user, command: r.command });
  });
  return out.result();
}
