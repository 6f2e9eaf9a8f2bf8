// Small helpers for greetings and one-line answers.

// The first line of an answer, printable, at most 200 characters: what `banner` shows.
export function firstLine(b: Buffer): string {
  const text = b.subarray(0, 512).toString("latin1");
  const line = text.split(/\r?\n/)[0] ?? "";
  // eslint-disable-next-line no-control-regex
  return line.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
}

export const startsWith = (b: Buffer, prefix: string) => b.subarray(0, prefix.length).toString("latin1") === prefix;
