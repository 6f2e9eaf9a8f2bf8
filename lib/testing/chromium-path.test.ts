import { describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "./chromium-path";

describe("findChromium", () => {
  it("uses PLAYWRIGHT_CHROMIUM_PATH when it names an executable", () => {
    expect(findChromium({ envPath: process.execPath })).toEqual({ executablePath: process.execPath, source: "PLAYWRIGHT_CHROMIUM_PATH" });
  });

  it("refuses a PLAYWRIGHT_CHROMIUM_PATH that is not executable, and says how to get a browser", () => {
    expect(() => findChromium({ envPath: "/nonexistent/chromium" })).toThrow(/PLAYWRIGHT_CHROMIUM_PATH=\/nonexistent\/chromium is not an executable file/);
    expect(HOW_TO_GET_CHROMIUM).toContain("apt-get install chromium");
    expect(HOW_TO_GET_CHROMIUM).toContain("npx playwright install chromium");
  });

  it("runs Chromium headless-friendly and quiet", () => {
    for (const flag of ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]) {
      expect(CHROMIUM_ARGS).toContain(flag);
    }
  });
});
