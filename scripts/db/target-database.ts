import path from "node:path";
import { ensureDatabase } from "../../lib/server/database-admin";
import { startEmbeddedPostgres } from "../../lib/server/embedded-postgres";
import { env } from "../../lib/server/env";

// The database the db:* scripts work on: DATABASE_URL when set, else the
// embedded Postgres under PALISADE_DATA_DIR (started for the duration of the
// script, or the one `npm start` already runs).

export type TTargetDatabase = { url: string; label: string; close: () => Promise<void> };

export async function openTargetDatabase(): Promise<TTargetDatabase> {
  if (env.DATABASE_URL) {
    await ensureDatabase(env.DATABASE_URL);
    return { url: env.DATABASE_URL, label: describeUrl(env.DATABASE_URL), close: async () => {} };
  }
  const started = performance.now();
  const pg = await startEmbeddedPostgres({ dataDir: env.PALISADE_DATA_DIR, port: env.PALISADE_PG_PORT });
  const ms = Math.round(performance.now() - started);
  const where = `${path.relative(process.cwd(), path.resolve(env.PALISADE_DATA_DIR, "postgres")) || "."}`;
  if (pg.reused) console.log(`Using the embedded Postgres that is already running on 127.0.0.1:${pg.port} (${where}).`);
  else if (pg.initialised) console.log(`Created and started the embedded Postgres on 127.0.0.1:${pg.port} in ${ms} ms (${where}).`);
  else console.log(`Started the embedded Postgres on 127.0.0.1:${pg.port} in ${ms} ms (${where}).`);
  return { url: pg.url, label: `the embedded Postgres (${where})`, close: pg.stop };
}

/** host:port/database, never the password. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
}

/** Runs a script's main, printing a failure as one readable message, and exits with its status. */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
