// A CSV reader written from RFC 4180's grammar, independent of the writer in
// lib/domain/exports/to-csv.ts: what a spreadsheet or csv module gets back.
// Strict: a bare quote, CR or LF outside quotes, or a missing final CRLF throws.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (c === '"' || c === "\r" || c === "\n") {
      throw new Error(`bare ${JSON.stringify(c)} at offset ${i}: not RFC 4180`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length) throw new Error("last record not terminated by CRLF");
  return rows;
}
