// `systemctl list-units --type=service --state=running --no-pager --plain`:
//   UNIT             LOAD   ACTIVE SUB     DESCRIPTION
//   cron.service     loaded active running Regular background program processing daemon
// then a blank line, a legend and "N loaded units listed." The description is free text in
// whatever language and bytes the unit file has (systemd prints UTF-8 even under LC_ALL=C).
import type { TParsed, TService } from "../../facts";
import { clip, collector, eachLine, fields, isBlank } from "../collect";

const UNIT = /^[^\s/]{1,255}\.(?:service|socket|target|scope|slice|mount|timer|path|device|swap|automount)$/;
const LEGEND = /^(?:LOAD|ACTIVE|SUB|JOB)\s+= |^\d+ loaded units? listed|^To show all installed unit files|^Pass --all to see/;

export function parseSystemctlListUnits(text: string): TParsed<TService> {
  const out = collector<TService>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line) || LEGEND.test(line)) return;
    // Without --plain a failed unit is marked with a bullet; tolerate it.
    const body = line.replace(/^\s*[●*×]\s+/, "");
    const split = fields(body, 4);
    if (!split) return out.skip(no, line, "fewer than four columns");
    const [unit, load, active, sub] = split.head as [string, string, string, string];
    if (unit === "UNIT" && load === "LOAD") return; // header
    if (!UNIT.test(unit)) return out.skip(no, line, "first column is not a unit name");
    out.add({ unit, load: clip(load, 64), active: clip(active, 64), sub: clip(sub, 64), description: clip(split.rest.trimEnd()) });
  });
  return out.result();
}
