import fs from "node:fs";
import { chromium } from "playwright-core";

// Which Chromium to drive, for the PDF report and the e2e tests.
// Order: PLAYWRIGHT_CHROMIUM_PATH, then the distribution's /usr/bin/chromium,
// then Playwright's own download (fetched once when the network allows).

export type TChromiumSource = "PLAYWRIGHT_CHROMIUM_PATH" | "system" | "playwright";
export type TChromium = { executablePath: string; source: TChromiumSource };

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

// Headless and quiet: no sandbox (root in containers has none to give), no GPU,
// and nothing that phones home (updates, sync, QUIC probes, first-run pages).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

export const HOW_TO_GET_CHROMIUM =
  "No Chromium found. Install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, " +
  "or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome executable.";

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The Chromium to use, or null when there is none; never downloads. */
export function findChromium(opts: { envPath?: string } = {}): TChromium | null {
  // The app passes env.PLAYWRIGHT_CHROMIUM_PATH; the test harness (which must not load the
  // whole app config) relies on the process environment.
  const envPath = opts.envPath || process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;
  if (envPath) {
    // Set on purpose: a wrong value is an error, not a reason to pick another browser.
    if (!isExecutable(envPath)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${envPath} is not an executable file. ${HOW_TO_GET_CHROMIUM}`);
    return { executablePath: envPath, source: "PLAYWRIGHT_CHROMIUM_PATH" };
  }
  if (isExecutable(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  const bundled = chromium.executablePath();
  if (bundled && isExecutable(bundled)) return { executablePath: bundled, source: "playwright" };
  return null;
}

