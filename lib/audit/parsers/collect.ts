// What every parser shares: hard bounds and one way to report a line it could not read.
// Output from a host is untrusted, so nothing here may throw, grow without bound, or take
// more than linear time on hostile input.
import type { TParsed, TUnparsed } from "../facts";

export const MAX_ITEMS = 20_000;
export const MAX_UNPARSED = 1_000;
export const MAX_RAW = 2_000; // raw text kept per unparsed line
export const MAX_FIELD = 4_096; // any one string taken from the output
export const MAX_LINES = 200_000; // lines read per output; ~1 MB of stdout is far fewer

export function clip(text: string, max = MAX_FIELD): string {
  return text.length > max ? text.slice(0, max) : text;
}

export type TCollector<T> = {
  add(item: T): void;
  skip(line: number, raw: string, reason: string): void;
  full(): boolean;
  result(): TParsed<T>;
};

export function collector<T>(): TCollector<T> {
  const items: T[] = [];
  const unparsed: TUnparsed[] = [];
  let stopped = false;
  const note = (line: number, raw: string, reason: string) => {
    if (unparsed.length < MAX_UNPARSED) unparsed.push({ line, raw: clip(raw, MAX_RAW), reason });
  };
  return {
    add(item) {
      if (stopped) return;
      if (items.length >= MAX_ITEMS) {
        stopped = true;
        note(0, "", `more than ${MAX_ITEMS} items: the rest was not read`);
        return;
      }
      items.push(item);
    },
    skip(line, raw, reason) {
      if (unparsed.length === MAX_UNPARSED - 1) note(line, "", "too many unreadable lines: the rest are not listed");
      else note(line, raw, reason);
    },
    full: () => stopped,
    result: () => ({ items, unparsed }),
  };
}

// Calls `read` for each line (1-based numbers, "\r\n" tolerated) without building one huge
// array; stops at MAX_LINES or once the collector is full.
export function eachLine<T>(text: unknown, out: TCollector<T>, read: (line: string, no: number) => void): void {
  const s = typeof text === "string" ? text : "";
  let start = 0;
  let no = 0;
  while (start < s.length && !out.full()) {
    if (no >= MAX_LINES) {
      out.skip(no + 1, "", `more than ${MAX_LINES} lines: the rest was not read`);
      return;
    }
    let end = s.indexOf("\n", start);
    if (end === -1) end = s.length;
    no += 1;
    const line = s.charCodeAt(end - 1) === 13 && end > start ? s.slice(start, end - 1) : s.slice(start, end);
    read(line, no);
    start = end + 1;
  }
}

// Whitespace-separated tokens of a line, at most `max`.
export function tokens(line: string, max = 64): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && out.length < max) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !isSpace(line.charCodeAt(j))) j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

// Splits off `count` leading fields and returns them with the untouched rest of the line.
export function fields(line: string, count: number): { head: string[]; rest: string } | null {
  const head: string[] = [];
  let i = 0;
  const n = line.length;
  while (head.length < count) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) return null;
    let j = i;
    while (j < n && !isSpace(line.charCodeAt(j))) j++;
    head.push(line.slice(i, j));
    i = j;
  }
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return { head, rest: line.slice(i) };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

export function toInt(text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | null {
  if (text === undefined || text.length === 0 || text.length > 16 || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
