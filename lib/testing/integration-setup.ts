import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { databaseName, dropDatabase, ensureDatabase, withDatabase } from "../server/database-admin";
import { makeTemporaryDataDir, startEmbeddedPostgres } from "../server/embedded-postgres";
import { applyMigrations } from "../server/migrations/apply-migrations";
import { assertLocalDatabase } from "./assert-local-database";

// globalSetup of the "integration" test project: one fresh, migrated database
// per run, on TEST_DATABASE_URL's server when set (local only), else on a
// throwaway embedded Postgres in a temp dir. Tests reach it through
// process.env.DATABASE_URL (what lib/server/db.ts reads) or inject("databaseUrl").

declare module "vitest" {
  export interface ProvidedContext {
    /** The fresh, migrated database of this test run; also process.env.DATABASE_URL in tests. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const cleanups: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.error("Integration teardown:", error));
    }
  };

  try {
    // Read here rather than in lib/server/env.ts: it configures the test harness, not Palisade.
    const testServerUrl = process.env.TEST_DATABASE_URL;
    let serverUrl: string;
    let where: string;
    if (testServerUrl) {
      assertLocalDatabase(testServerUrl);
      serverUrl = testServerUrl;
      where = "TEST_DATABASE_URL's server";
    } else {
      const dataDir = await makeTemporaryDataDir("palisade-test-pg-");
      cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
      const pg = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
      cleanups.push(pg.stop);
      serverUrl = pg.serverUrl;
      where = `an embedded Postgres on 127.0.0.1:${pg.port}`;
    }

    const url = withDatabase(serverUrl, `palisade_test_${randomBytes(4).toString("hex")}`);
    assertLocalDatabase(url);
    await ensureDatabase(url);
    cleanups.push(() => dropDatabase(url));
    const { applied } = await applyMigrations({ url });

    project.provide("databaseUrl", url);
    // Test workers are started after this and inherit the environment.
    process.env.DATABASE_URL = url;
    const ms = Math.round(performance.now() - started);
    console.log(`Integration database ${databaseName(url)} on ${where}: ${applied.length} migration(s) applied in ${ms} ms.`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
