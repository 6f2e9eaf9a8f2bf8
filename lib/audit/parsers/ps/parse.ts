// `ps -o pid=,ppid=,user=,etimes=,lstart= -p PID`: "     40      39 dev    236 Sat Nov 21 05:44:42 2026".
// lstart is strftime("%a %b %e %H:%M:%S %Y") in the host's LC_TIME and time zone, so it is
// kept as printed (spaces squeezed); etimes is the reliable age. procps shows a user name too
// long for the column as "systemd+" or as the numeric uid.
import type { TParsed, TPsRow } from "../../facts";
import { clip, collector, eachLine, fields, isBlank, toInt } from "../collect";

export function parsePs(text: string): TParsed<TPsRow> {
  const out = collector<TPsRow>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const f = fields(line, 4);
    if (!f) return out.skip(no, line, "fewer than five columns");
    const [pidText, ppidText, user, etimesText] = f.head as [string, string, string, string];
    const pid = toInt(pidText);
    const ppid = toInt(ppidText);
    const elapsedSeconds = toInt(etimesText);
    const startedAt = f.rest.slice(0, 512).trim().split(/\s+/).slice(0, 16).join(" ");
    if (pid === null || ppid === null || elapsedSeconds === null || startedAt === "") return out.skip(no, line, "pid, ppid or etimes not a number, or no start time");
    out.add({ pid, ppid, user: clip(user, 64), elapsedSeconds, startedAt: clip(startedAt, 128) });
  });
  return out.result();
}
