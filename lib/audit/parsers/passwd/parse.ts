// `getent passwd`: name:password:uid:gid:gecos:home:shell, seven fields, no field holds ":".
import type { TParsed, TUser } from "../../facts";
import { clip, collector, eachLine, isBlank, toInt } from "../collect";

export function parsePasswd(text: string): TParsed<TUser> {
  const out = collector<TUser>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    // "+" / "-" lines are NIS compat markers in /etc/passwd, not users.
    if (line.startsWith("+") || line.startsWith("-")) return;
    const f = line.split(":", 8);
    if (f.length !== 7) return out.skip(no, line, "not seven colon-separated fields");
    const [name, , uidText, gidText, , home, shell] = f as [string, string, string, string, string, string, string];
    const uid = toInt(uidText, 4_294_967_295);
    const gid = toInt(gidText, 4_294_967_295);
    if (name === "" || uid === null || gid === null) return out.skip(no, line, "no name, or uid/gid not numbers");
    out.add({ name: clip(name, 64), uid, gid, home: clip(home), shell: clip(shell) });
  });
  return out.result();
}
