// The part of a command's output a reader needs to see for one finding. Full
// outputs run to hundreds of lines; the report shows the lines about the
// finding's port or executable (with a line of context) or else the first
// lines, and says how many it left out. The full output stays in Palisade,
// identified by the sha256 in the appendix.

export const EXCERPT_MAX_LINES = 14;
// A line this long is cut: one minified JSON line must not fill a page.
const MAX_LINE_CHARS = 400;

export type TExcerpt = { excerpt: string; shownLines: number; totalLines: number };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function relevantLines(lines: string[], hints: { port?: number | null; executable?: string | null }): number[] {
  const patterns: RegExp[] = [];
  if (hints.port != null) patterns.push(new RegExp(`[:.\\s]${hints.port}(?![0-9])`));
  if (hints.executable) patterns.push(new RegExp(escapeRegExp(hints.executable)));
  if (patterns.length === 0) return [];
  const hits = new Set<number>();
  lines.forEach((line, i) => {
    if (patterns.some((p) => p.test(line))) for (const j of [i - 1, i, i + 1]) if (j >= 0 && j < lines.length) hits.add(j);
  });
  return [...hits].sort((a, b) => a - b);
}

export function excerptOf(stdout: string, hints: { port?: number | null; executable?: string | null } = {}, maxLines = EXCERPT_MAX_LINES): TExcerpt {
  // The caller passes output already redacted (once per evidence row, not per finding).
  const text = stdout.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const lines = text === "" ? [] : text.split("\n");
  const relevant = relevantLines(lines, hints);
  const picked = (relevant.length > 0 ? relevant : lines.map((_, i) => i)).slice(0, maxLines);
  const out: string[] = [];
  let previous = -1;
  for (const i of picked) {
    if (previous >= 0 && i > previous + 1) out.push("…");
    const line = lines[i]!;
    out.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} … (${line.length - MAX_LINE_CHARS} more characters)` : line);
    previous = i;
  }
  return { excerpt: out.join("\n"), shownLines: picked.length, totalLines: lines.length };
}
