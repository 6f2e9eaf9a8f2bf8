import { listMigrations, MIGRATIONS_DIR } from "./migrations-directory";
import { withSchemaEngine } from "./schema-engine";

export type TApplyMigrationsOptions = {
  /** The database to migrate; it must exist (see ensureDatabase). */
  url: string;
  migrationsDir?: string;
};

export type TApplyMigrationsResult = {
  /** Migrations applied by this call, oldest first. Empty when the database was up to date. */
  applied: string[];
  /** Every migration in the directory. */
  total: number;
};

/**
 * Applies the committed migrations that the database has not seen yet, like
 * `prisma migrate deploy`: the record of what ran is Prisma's own
 * `_prisma_migrations` table, so the official CLI agrees with us. A migration
 * edited after it was applied, or one that failed earlier, stops it with
 * Prisma's error (P3009, P3018, ...).
 */
export async function applyMigrations(options: TApplyMigrationsOptions): Promise<TApplyMigrationsResult> {
  const migrationsList = await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const { appliedMigrationNames } = await withSchemaEngine({ url: options.url }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
  );
  return { applied: appliedMigrationNames, total: migrationsList.migrationDirectories.length };
}
