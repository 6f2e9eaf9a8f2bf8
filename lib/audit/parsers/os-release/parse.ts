// /etc/os-release: KEY=value lines, values optionally quoted with shell-like escapes
// (os-release(5)). Unknown keys are fine; a line that is not KEY=value is reported.
import type { TOsIdentity, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank } from "../collect";

const LINE = /^([A-Z][A-Z0-9_]{0,63})=(.*)$/;

export function parseOsRelease(text: string): TParsed<TOsIdentity> {
  const out = collector<TOsIdentity>();
  const values = new Map<string, string>();
  eachLine(text, out, (line, no) => {
    const t = line.trim();
    if (isBlank(t) || t.startsWith("#")) return;
    const m = LINE.exec(t.slice(0, MAX_LINE));
    if (!m) return out.skip(no, line, "not KEY=value");
    const v = unquote(m[2] as string);
    if (v === null) return out.skip(no, line, "unbalanced quotes");
    values.set(m[1] as string, clip(v, 256));
  });
  const get = (k: string) => values.get(k) ?? null;
  if (values.size > 0) out.add({ id: get("ID"), versionId: get("VERSION_ID"), prettyName: get("PRETTY_NAME"), name: get("NAME") });
  return out.result();
}

const MAX_LINE = 4_096;

function unquote(v: string): string | null {
  const q = v[0];
  if (q !== '"' && q !== "'") return v;
  if (v.length < 2 || v[v.length - 1] !== q) return null;
  const inner = v.slice(1, -1);
  return q === "'" ? inner : inner.replace(/\\([\\$"`])/g, "$1");
}
