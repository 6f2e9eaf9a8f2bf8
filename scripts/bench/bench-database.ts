import { ensureDatabase } from "@/lib/server/database-admin";
import { makeTemporaryDataDir, startEmbeddedPostgres } from "@/lib/server/embedded-postgres";
import { applyMigrations } from "@/lib/server/migrations/apply-migrations";
import fs from "node:fs/promises";

// A throwaway migrated Postgres for a benchmark, removed afterwards.
export async function startBenchDatabase() {
  const dataDir = await makeTemporaryDataDir("palisade-bench-");
  const pg = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  await ensureDatabase(pg.url);
  await applyMigrations({ url: pg.url });
  process.env.DATABASE_URL = pg.url;
  process.env.PALISADE_SECRET ??= "benchmark-secret-0123456789abcdef0123456789";
  return {
    url: pg.url,
    async stop() {
      await pg.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
