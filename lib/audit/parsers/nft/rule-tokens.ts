// Splits an nft statement into words, keeping "quoted strings" and { anonymous, sets } whole,
// in one pass (no regex backtracking on hostile input).
const MAX_TOKENS = 512;

export function nftTokens(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && out.length < MAX_TOKENS) {
    const c = line[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    let j = i;
    if (c === '"') j = closeQuote(line, i);
    else if (c === "{") {
      let depth = 0;
      for (; j < n; j++) {
        const d = line[j];
        if (d === '"') j = closeQuote(line, j) - 1;
        else if (d === "{") depth++;
        else if (d === "}" && --depth === 0) break;
      }
      j = Math.min(j + 1, n);
    } else {
      while (j < n && line[j] !== " " && line[j] !== "\t") j++;
    }
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

// Index just past the closing quote of the string starting at `start` (backslash escapes).
function closeQuote(line: string, start: number): number {
  let j = start + 1;
  while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
  return Math.min(j + 1, line.length);
}

// Net { minus } outside quoted strings: how a statement opens or closes a block.
export function braceBalance(line: string): number {
  let net = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') i = closeQuote(line, i) - 1;
    else if (c === "{") net++;
    else if (c === "}") net--;
  }
  return net;
}
