// `cat /proc/PID/status`: "Key:\tvalue" lines. Uid/Gid hold real, effective, saved and fs ids.
// The Name is the kernel's comm with "\n" and "\\" escaped by the kernel.
import type { TParsed, TProcStatus } from "../../facts";
import { clip, collector, eachLine, isBlank, toInt, tokens } from "../collect";

const WANTED = new Set(["Name", "Pid", "PPid", "Uid", "Gid"]);

export function parseProcStatus(text: string): TParsed<TProcStatus> {
  const out = collector<TProcStatus>();
  const v = new Map<string, string>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const colon = line.indexOf(":");
    if (colon <= 0 || colon > 64 || /\s/.test(line.slice(0, colon))) return out.skip(no, line, "not Key: value");
    const key = line.slice(0, colon);
    if (WANTED.has(key) && !v.has(key)) v.set(key, line.slice(colon + 1).replace(/^\s+/, "").slice(0, 1_024));
  });
  const missing = [...WANTED].filter((k) => !v.has(k));
  if (v.size === 0) return out.result();
  const uids = tokens(v.get("Uid") ?? "", 4).map((x) => toInt(x));
  const gids = tokens(v.get("Gid") ?? "", 4).map((x) => toInt(x));
  const pid = toInt(v.get("Pid"));
  const ppid = toInt(v.get("PPid"));
  const [uid, euid] = uids;
  const [gid] = gids;
  if (missing.length > 0 || pid === null || ppid === null || uid == null || euid == null || gid == null) {
    out.skip(0, "", `missing or unreadable: ${missing.length > 0 ? missing.join(", ") : "Pid/PPid/Uid/Gid"}`);
    return out.result();
  }
  out.add({ name: clip(v.get("Name") ?? "", 64), pid, ppid, uid, euid, gid });
  return out.result();
}
