// `hostname`: one line. Anything but a plausible host name is reported, not trusted.
import type { TParsed } from "../../facts";
import { collector, eachLine, isBlank } from "../collect";

const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252}[A-Za-z0-9_])?$/;

export function parseHostname(text: string): TParsed<string> {
  const out = collector<string>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const t = line.trim();
    if (!HOSTNAME.test(t)) return out.skip(no, line, "not a host name");
    if (out.result().items.length > 0) return out.skip(no, line, "more than one line");
    out.add(t);
  });
  return out.result();
}
