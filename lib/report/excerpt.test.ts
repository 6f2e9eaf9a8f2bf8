import { describe, expect, it } from "vitest";
import { EXCERPT_MAX_LINES, excerptOf } from "./excerpt";

describe("excerptOf", () => {
  const ss = Array.from({ length: 200 }, (_, i) => `LISTEN 0 128 0.0.0.0:${9000 + i} 0.0.0.0:* users:(("svc",pid=${i},fd=3))`).join("\n");

  it("shows the lines about the finding's port with a line of context, and says how many there were", () => {
    const e = excerptOf(ss, { port: 9100 });
    expect(e.excerpt.split("\n")).toEqual([expect.stringContaining(":9099 "), expect.stringContaining(":9100 "), expect.stringContaining(":9101 ")]);
    expect(e).toMatchObject({ shownLines: 3, totalLines: 200 });
  });

  it("falls back to the first lines, marking gaps, when nothing mentions the port", () => {
    const e = excerptOf(ss, { port: 1 });
    expect(e.shownLines).toBe(EXCERPT_MAX_LINES);
    expect(e.excerpt.startsWith("LISTEN 0 128 0.0.0.0:9000 ")).toBe(true);
    const gappy = excerptOf(ss, { port: 9010, executable: null });
    expect(excerptOf([ss, "x:9190 y"].join("\n"), { port: 9190 }).excerpt).toContain("…");
    expect(gappy.excerpt).not.toContain("…");
  });

  it("cuts a huge line instead of letting it fill pages", () => {
    const e = excerptOf("a".repeat(5000));
    expect(e.excerpt.length).toBeLessThan(500);
    expect(e.excerpt).toContain("4600 more characters");
  });
});
