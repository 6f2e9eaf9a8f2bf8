import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { db } from "@/lib/server/db";
import { makeTemporaryDataDir, startEmbeddedPostgres } from "@/lib/server/embedded-postgres";
import { applyMigrations } from "@/lib/server/migrations/apply-migrations";
import { ensureChromium } from "@/lib/testing/chromium-path";
import { assertLocalDatabase } from "@/lib/testing/assert-local-database";
import { buildIfStale } from "@/scripts/build-if-stale";
import { E2E_STATE_DIR, E2E_STATE_FILE } from "./support/state";
import { seedE2e } from "./support/seed";
import { startE2eFleet } from "./support/demo-fleet";

// A throwaway Palisade for the journeys: its own embedded Postgres in a temp
// dir, migrated and seeded, and the production build served by `next start`
// on PALISADE_E2E_PORT. The function it returns tears all of it down.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => console.log(`[e2e] ${line}`);

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  const cleanups: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.error("[e2e] teardown:", error));
    }
  };

  try {
    process.chdir(root); // buildIfStale and `next start` work relative to the repository
    const browser = ensureChromium({ log });
    // Workers start after this and inherit the environment (the config reads it).
    process.env.PLAYWRIGHT_CHROMIUM_PATH = browser.executablePath;

    const port = Number(process.env.PALISADE_E2E_PORT);
    await assertPortFree(port);

    fs.mkdirSync(E2E_STATE_DIR, { recursive: true, mode: 0o700 });
    const dataDir = await makeTemporaryDataDir("palisade-e2e-pg-");
    cleanups.push(() => fs.promises.rm(dataDir, { recursive: true, force: true }));
    const pg = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
    cleanups.push(pg.stop);
    assertLocalDatabase(pg.url);
    await applyMigrations({ url: pg.url });

    const secret = randomBytes(32).toString("base64url");
    process.env.DATABASE_URL = pg.url;
    process.env.PALISADE_SECRET = secret;
    const baseURL = `http://localhost:${port}`;
    const seeded = await seedE2e();
    const fleet = await startE2eFleet({ memberIds: [seeded.users.consultant.id] });
    cleanups.push(async () => {
      await fleet.stop();
      await db().$disconnect(); // before the teardown stops Postgres under it
    });
    fs.writeFileSync(E2E_STATE_FILE, `${JSON.stringify({ baseURL, databaseUrl: pg.url, ...seeded, fleet: fleet.engagement }, null, 2)}\n`, { mode: 0o600 });
    cleanups.push(() => fs.promises.rm(E2E_STATE_FILE, { force: true }));

    // Next warns about, and misbehaves with, a NODE_ENV other than production for a build.
    if (process.env.NODE_ENV !== "production") Reflect.deleteProperty(process.env, "NODE_ENV");
    buildIfStale(log);

    const logFile = path.join(E2E_STATE_DIR, "next.log");
    const web = startNext(port, logFile, {
      DATABASE_URL: pg.url,
      PALISADE_SECRET: secret,
      NEXTAUTH_URL: baseURL,
      // The journeys sign in many times from one address; the throttle has its own tests.
      LOGIN_MAX_FAILURES_PER_IP: "1000",
    });
    cleanups.push(() => stopProcess(web));
    await waitForHttp(`http://127.0.0.1:${port}/login`, web, logFile);
    log(`Palisade on ${baseURL} (Postgres on 127.0.0.1:${pg.port}, ${browser.source} Chromium ${browser.executablePath}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s; server log: ${path.relative(root, logFile)}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

function startNext(port: number, logFile: string, env: Record<string, string>): ChildProcess {
  const out = fs.openSync(logFile, "w");
  const web = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", out, out],
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
  });
  fs.closeSync(out);
  // Should the runner die without tearing down, do not leave a server behind.
  const killOnExit = () => web.kill("SIGKILL");
  process.on("exit", killOnExit);
  web.once("exit", () => process.removeListener("exit", killOnExit));
  return web;
}

async function stopProcess(child: ChildProcess, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(`next start did not answer at ${url} (${child.exitCode !== null ? `exited with code ${child.exitCode}` : `timed out after ${timeoutMs / 1000} s`}).\n--- ${logFile} ---\n${tail}`);
}

async function assertPortFree(port: number) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PALISADE_E2E_PORT must be a port number, got ${process.env.PALISADE_E2E_PORT}`);
  const busy = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(true));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(false)));
  });
  if (busy) throw new Error(`Port ${port} is in use, so the e2e server cannot start there. Stop what uses it or set PALISADE_E2E_PORT to a free port.`);
}
