// `npm start`: the whole of Palisade on one machine. With DATABASE_URL unset
// it starts its own Postgres under .data/, a demo fleet of simulated SSH hosts
// and seeds demo data; with DATABASE_URL set it only migrates and serves.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "@/lib/server/embedded-postgres";
import { applyMigrations } from "@/lib/server/migrations/apply-migrations";
import { env } from "@/lib/server/env";
import { loadOrCreateSecret } from "@/lib/server/secret-file";
import { limitsFromEnv, startWorker, type TRunningWorker } from "@/lib/worker/worker";
import { buildIfStale } from "./build-if-stale";
import { startDemoFleet, type TRunningDemo } from "./demo-fleet";

const started = Date.now();
const log = (line: string) => console.log(`[palisade] ${line}`);
const dataDir = path.resolve(env.PALISADE_DATA_DIR);
const port = env.PORT;
const host = env.HOST;

let pg: TEmbeddedPostgres | undefined;
let web: ChildProcess | undefined;
let demo: TRunningDemo | undefined;
let worker: TRunningWorker | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  web?.kill("SIGTERM");
  await worker?.stop().catch((e) => console.error("Could not stop the worker cleanly:", e));
  await demo?.close().catch(() => undefined);
  await pg?.stop().catch((e) => console.error("Could not stop the embedded Postgres cleanly:", e));
  process.exit(code);
}

async function main() {
  let databaseUrl = env.DATABASE_URL;
  let secret = env.PALISADE_SECRET;
  if (databaseUrl) {
    if (!secret) throw new Error("PALISADE_SECRET must be set when DATABASE_URL is (the same value for every web and worker process). Generate one with: openssl rand -base64 32");
  } else {
    log(`No DATABASE_URL: starting the embedded Postgres in ${path.relative(process.cwd(), dataDir) || "."}/postgres`);
    pg = await startEmbeddedPostgres({ dataDir, port: env.PALISADE_PG_PORT });
    databaseUrl = pg.url;
    secret ??= await loadOrCreateSecret(dataDir);
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.PALISADE_SECRET = secret;

  const { applied } = await applyMigrations({ url: databaseUrl });
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date");

  if (pg) demo = await startDemoFleet({ dataDir, log });

  if (env.PALISADE_IN_PROCESS_WORKER) {
    worker = await startWorker({ concurrency: env.PALISADE_WORKER_CONCURRENCY, limits: limitsFromEnv(env), probes: env.PALISADE_PROBES, log: (line) => log(`worker: ${line}`) });
  }

  buildIfStale(log);

  const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
  web = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", host], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}` },
  });
  web.on("exit", (code) => {
    if (!stopping) {
      console.error(`The web server exited (code ${code}).`);
      void stop(code ?? 1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${port}/login`);

  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: open http://localhost:${port}`);
  if (demo) {
    log("Demo accounts (kept in .data/demo-accounts.json):");
    for (const a of demo.accounts) log(`  ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`);
    log(`Demo fleet: ${demo.hostCount} simulated SSH hosts on 127.0.0.1, in the engagement "${demo.engagementName}".`);
  }
  log("Press Ctrl+C to stop.");
}

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The web server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
main().catch(async (error) => {
  console.error(`[palisade] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
