// iptables -S quotes an argument holding spaces or quotes: --comment "dns for \"lan\"".
// Returns null for an unterminated quote.
const MAX_WORDS = 512;

export function shellWords(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && out.length < MAX_WORDS) {
    while (i < n && (line[i] === " " || line[i] === "\t")) i++;
    if (i >= n) break;
    let word = "";
    while (i < n && line[i] !== " " && line[i] !== "\t") {
      if (line[i] === '"') {
        i++;
        while (i < n && line[i] !== '"') {
          if (line[i] === "\\" && i + 1 < n) i++;
          word += line[i];
          i++;
        }
        if (i >= n) return null;
        i++;
      } else {
        word += line[i];
        i++;
      }
    }
    out.push(word);
  }
  return out;
}
