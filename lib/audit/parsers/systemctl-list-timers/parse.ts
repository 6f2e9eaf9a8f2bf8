// `systemctl list-timers --all --no-pager`:
//   NEXT                        LEFT       LAST PASSED UNIT                 ACTIVATES
//   Sat 2026-11-21 05:59:41 UTC 10min left -    -      apt-daily.timer      apt-daily.service
//   -                           -          -    -      fstrim.timer         fstrim.service
// Columns are aligned under the header, so NEXT and LAST are read at the header's offsets
// (they hold spaces); UNIT and ACTIVATES never do and are read as the last two words.
import type { TParsed, TTimer } from "../../facts";
import { clip, collector, eachLine, isBlank, tokens } from "../collect";

const FOOTER = /^\d+ timers? listed|^Pass --all to see/;
const TIMER = /^[^\s/]{1,255}\.timer$/;

type TColumns = { left: number; last: number; passed: number };

export function parseSystemctlListTimers(text: string): TParsed<TTimer> {
  const out = collector<TTimer>();
  let cols: TColumns | null = null;
  eachLine(text, out, (line, no) => {
    if (isBlank(line) || FOOTER.test(line)) return;
    if (line.startsWith("NEXT ")) {
      const left = line.indexOf(" LEFT ");
      const last = line.indexOf(" LAST ");
      const passed = line.indexOf(" PASSED ");
      cols = left > 0 && last > left && passed > last ? { left: left + 1, last: last + 1, passed: passed + 1 } : null;
      if (!cols) out.skip(no, line, "header without NEXT LEFT LAST PASSED columns");
      return;
    }
    const words = tokens(line.slice(-600), 64);
    let at = words.length - 1;
    while (at >= 0 && !TIMER.test(words[at] as string)) at--;
    if (at < 0) return out.skip(no, line, "no .timer unit on the line");
    if (!cols || line.length < cols.passed) return out.skip(no, line, "timer line without a header to align it");
    const activates = words[at + 1] ?? null;
    out.add({
      unit: words[at] as string,
      activates: activates && activates !== "-" ? clip(activates, 255) : null,
      next: when(line.slice(0, cols.left)),
      last: when(line.slice(cols.last, cols.passed)),
    });
  });
  return out.result();
}

// "-" and (older systemd) "n/a" mean never.
function when(text: string): string | null {
  const t = text.trim();
  return t === "" || t === "-" || t === "n/a" ? null : clip(t, 64);
}
