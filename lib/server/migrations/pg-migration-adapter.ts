import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { dropDatabase, ensureDatabase, withDatabase } from "../database-admin";
import { relabelCatalogTypes, restoreCharColumns } from "./catalog-types";

// The driver adapter the Wasm schema engine talks to Postgres through: the
// stock @prisma/adapter-pg, with three fixes for migration work.

export type TMigrationAdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  /** Ends every pool this factory opened and drops any shadow database left behind. */
  close: () => Promise<void>;
};

export function createMigrationAdapterFactory(url: string): TMigrationAdapterFactory {
  const pools = new Set<pg.Pool>();
  const shadowUrls = new Set<string>();

  async function connectTo(databaseUrl: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pools.add(pool);
    // Fix 1: catalog types the adapter cannot read (see catalog-types.ts).
    pool.on("connect", relabelCatalogTypes);
    const adapter = await new PrismaPg(pool).connect();
    restoreCharColumnsOf(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => restoreCharColumnsOf(await startTransaction(isolationLevel));

    // Fix 2: PrismaPg's executeScript splits the script on every ";" and runs
    // the pieces one by one, which breaks on a ";" inside a function body or
    // string, and leaves half a migration behind when a later statement fails.
    // One simple-protocol query runs the whole script as one implicit
    // transaction, which is what Prisma's native engine does.
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    };

    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await endPool(pool);
      await afterDispose?.();
    };
    return adapter;
  }

  async function endPool(pool: pg.Pool) {
    if (!pools.delete(pool)) return;
    await pool.end();
  }

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(url),
    // Fix 3: PrismaPg.connectToShadowDb() spreads the database name next to a
    // `connectionString`, which wins, so the "shadow" is the main database
    // (and its DROP fails while its own pool still holds connections). We
    // create a real throwaway database and drop it once the engine is done.
    async connectToShadowDb() {
      const shadowUrl = withDatabase(url, `palisade_shadow_${randomBytes(6).toString("hex")}`);
      try {
        await ensureDatabase(shadowUrl);
      } catch (error) {
        throw new Error(
          `Could not create a shadow database (needed to compare migrations with schema.prisma): ` +
            `${(error as Error).message}. The database user needs the CREATEDB privilege.`,
          { cause: error },
        );
      }
      shadowUrls.add(shadowUrl);
      return connectTo(shadowUrl, async () => {
        shadowUrls.delete(shadowUrl);
        await dropDatabase(shadowUrl);
      });
    },
    async close() {
      await Promise.all([...pools].map(endPool));
      for (const shadowUrl of shadowUrls) await dropDatabase(shadowUrl);
      shadowUrls.clear();
    },
  };
}

function restoreCharColumnsOf<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => restoreCharColumns(await queryRaw(query));
  return queryable;
}

// The same shape PrismaPg gives errors it does not map more precisely, so the
// engine reports the Postgres message and code.
function asDriverAdapterError(error: unknown): unknown {
  const e = error as Partial<pg.DatabaseError>;
  if (typeof e.code !== "string" || typeof e.severity !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity,
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}
