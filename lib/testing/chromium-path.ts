import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { findChromium, HOW_TO_GET_CHROMIUM, type TChromium } from "../server/chromium";

// The finder lives in lib/server/chromium.ts (the PDF report uses it too); the
// test harness keeps importing it from here, plus the one-off download.
export { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM, SYSTEM_CHROMIUM, type TChromium, type TChromiumSource } from "../server/chromium";

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
