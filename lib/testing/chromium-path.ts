import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

// Which Chromium to drive, for the e2e tests now and the PDF report later.
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
  // Read here rather than in lib/server/env.ts: the test harness needs it too.
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

/**
 * Like findChromium, but when there is no browser at all it tries to download
 * Playwright's own (`playwright install chromium`) and, failing that, throws
 * an error that says how to get one.
 */
export function ensureChromium(opts: { envPath?: string; log?: (line: string) => void } = {}): TChromium {
  const found = findChromium({ envPath: opts.envPath });
  if (found) return found;
  const log = opts.log ?? console.log;
  log("No Chromium installed: trying `playwright install chromium` (needs network access)…");
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("playwright-core/package.json")), "cli.js");
  const result = spawnSync(process.execPath, [cli, "install", "chromium"], { stdio: "inherit", timeout: 10 * 60_000 });
  const installed = result.status === 0 ? findChromium({ envPath: opts.envPath }) : null;
  if (!installed) throw new Error(`${HOW_TO_GET_CHROMIUM} (The automatic download failed; is the network reachable?)`);
  return installed;
}
