import path from "node:path";
import {
  listMigrations,
  LOCKFILE_CONTENT,
  migrationDirectoryName,
  MIGRATIONS_DIR,
  readSchemaFiles,
  SCHEMA_PATH,
  writeMigration,
} from "./migrations-directory";
import { withSchemaEngine } from "./schema-engine";

export type TDiffOptions = {
  /** A database on the server where a throwaway shadow database may be created. It is not modified. */
  url: string;
  migrationsDir?: string;
  schemaPath?: string;
};

/**
 * The SQL that would bring a database built from the committed migrations to
 * what schema.prisma describes, or null when they agree. The migrations are
 * replayed in a shadow database, which is dropped afterwards.
 *
 * (The engine's own createMigration needs a shadow database from a native
 * connection string, which the Wasm build cannot open; a diff from the
 * migration history through the adapter's shadow database is the same
 * computation.)
 */
export async function diffMigrationsToSchema(options: TDiffOptions): Promise<string | null> {
  const migrationsList = await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const schemaFiles = await readSchemaFiles(options.schemaPath ?? SCHEMA_PATH);
  // The engine reads the provider from the lock file. Before the first
  // migration there is none yet; an empty history then still replays into a
  // real (empty) shadow database, so the first migration matches what
  // `prisma migrate dev` writes (no "CREATE SCHEMA public").
  migrationsList.lockfile.content ??= LOCKFILE_CONTENT;
  const result = await withSchemaEngine({ url: options.url, schemaFiles }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      // exitCode 2 = "there is a difference", as `prisma migrate diff --exit-code`.
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    }),
  );
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}

export type TCreateMigrationOptions = TDiffOptions & { name: string; now?: Date };

export type TCreateMigrationResult =
  | { created: true; name: string; file: string; sql: string }
  | { created: false };

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql for what schema.prisma changed, if anything. */
export async function createMigration(options: TCreateMigrationOptions): Promise<TCreateMigrationResult> {
  const name = migrationDirectoryName(options.name, options.now);
  const sql = await diffMigrationsToSchema(options);
  if (sql === null) return { created: false };
  const file = await writeMigration(options.migrationsDir ?? MIGRATIONS_DIR, name, sql);
  return { created: true, name, file: path.relative(process.cwd(), file), sql };
}
