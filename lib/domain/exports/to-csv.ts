// CSV as RFC 4180 writes it: CRLF between records, a field quoted when it
// holds a comma, a double quote, CR or LF, and quotes inside doubled.
//
// Spreadsheets run a cell that starts with = + - @ (or tab / CR, which some
// strip first) as a formula, and finding text comes from audited hosts. Such
// text cells get a leading single quote so they open as text (OWASP "CSV
// Injection"). Numbers are written as they are.

export type TCsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: TCsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly TCsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
