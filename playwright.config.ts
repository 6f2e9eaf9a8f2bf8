import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./lib/testing/chromium-path";

// Journeys and cross-tenant checks against a throwaway Palisade that
// e2e/global-setup.ts starts (and tears down) for the run.
// Set here so the global setup and the workers agree on it.
process.env.PALISADE_E2E_PORT ??= "3100";
const baseURL = `http://localhost:${process.env.PALISADE_E2E_PORT}`;
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/global-setup.ts",
  // Specs compare whole-table row counts before and after a refused write, so
  // nothing else may write meanwhile: one worker (and it is a 2-core machine).
  workers: 1,
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    // Null until the global setup has found (or fetched) a browser; the
    // workers start after it and see PLAYWRIGHT_CHROMIUM_PATH.
    launchOptions: { executablePath: findChromium()?.executablePath, args: [...CHROMIUM_ARGS] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
});
