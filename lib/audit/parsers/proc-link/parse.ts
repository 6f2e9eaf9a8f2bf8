// `readlink /proc/PID/exe` or `/proc/PID/cwd`: one path. The kernel appends " (deleted)" when
// the file was removed or replaced after the process opened it (an upgraded binary, or a
// dropper that deleted itself). A file really named "x (deleted)" reads the same; the
// reviewer has the raw output.
import type { TParsed } from "../../facts";
import { collector, MAX_FIELD } from "../collect";

export type TProcLink = { path: string; deleted: boolean };

const DELETED = " (deleted)";

export function parseProcLink(text: string): TParsed<TProcLink> {
  const out = collector<TProcLink>();
  const s = typeof text === "string" ? text : "";
  // readlink ends with one newline; a path may itself hold newlines, so only that one goes.
  const path = s.endsWith("\n") ? s.slice(0, -1) : s;
  if (path === "") return out.result();
  if (!path.startsWith("/") || path.length > MAX_FIELD || path.includes("\0")) {
    out.skip(1, path, "not an absolute path");
    return out.result();
  }
  const deleted = path.endsWith(DELETED);
  out.add({ path: deleted ? path.slice(0, -DELETED.length) : path, deleted });
  return out.result();
}
