import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/testing/parse-csv";
import { csvCell, toCsv } from "./to-csv";

describe("toCsv", () => {
  it("round-trips commas, quotes, CR, LF and unicode through an RFC 4180 reader", () => {
    const nasty = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\ronly', 'crlf\r\nin cell', '"', '', 'ünïcødé ✓', '<script>alert(1)</script>'];
    const csv = toCsv(["value", "n"], nasty.map((v, n) => [v, n]));
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual(["value", "n"]);
    // "cr\ronly" and "crlf..." do not start with CR, so they come back unchanged.
    expect(parsed.slice(1).map((r) => r[0])).toEqual(nasty);
    expect(parsed.slice(1).map((r) => r[1])).toEqual(nasty.map((_, n) => String(n)));
  });

  it("defuses cells a spreadsheet would run as a formula, and only those", () => {
    const formulas = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented", "\rcarriage"];
    const parsed = parseCsv(toCsv(["cell"], formulas.map((f) => [f])));
    expect(parsed.slice(1).map((r) => r[0])).toEqual(formulas.map((f) => `'${f}`));
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("x-1")).toBe("x-1");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});
