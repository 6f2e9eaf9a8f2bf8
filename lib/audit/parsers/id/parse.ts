// `id`: "uid=1000(audit) gid=1000(audit) groups=1000(audit),27(sudo)". GNU id translates the
// word "groups" in some locales, and prints a bare number for an id without a name.
import type { TIdentity, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank, toInt, tokens } from "../collect";

const ID = /^(\d{1,10})(?:\((.{1,64})\))?$/;

export function parseId(text: string): TParsed<TIdentity> {
  const out = collector<TIdentity>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    if (out.result().items.length > 0) return out.skip(no, line, "more than one line");
    const w = tokens(line.slice(0, 65_536), 8);
    const uid = w[0]?.startsWith("uid=") ? ID.exec(w[0].slice(4)) : null;
    if (!uid) return out.skip(no, line, "no uid=");
    const gid = w[1]?.startsWith("gid=") ? ID.exec(w[1].slice(4)) : null;
    const groupsWord = w.slice(2).find((x) => /^[^=\s]{1,32}=\d/.test(x) && !x.startsWith("context="));
    const groups = groupsWord
      ? groupsWord.slice(groupsWord.indexOf("=") + 1).split(",").slice(0, 1_024).map((g) => { const m = ID.exec(g); return clip(m ? (m[2] ?? (m[1] as string)) : g, 64); })
      : [];
    out.add({
      uid: toInt(uid[1]) ?? 0,
      // An id without a name (a uid missing from passwd) is shown as its number.
      user: clip(uid[2] ?? (uid[1] as string), 64),
      gid: gid ? toInt(gid[1]) : null,
      groups,
    });
  });
  return out.result();
}
