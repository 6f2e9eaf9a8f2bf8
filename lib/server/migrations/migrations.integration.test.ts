import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "../database-admin";
import { applyMigrations } from "./apply-migrations";
import { createMigration, diffMigrationsToSchema } from "./create-migration";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "./migrations-directory";

// Each test gets its own empty database next to the run's database, dropped afterwards.
async function emptyDatabase(): Promise<string> {
  const url = withDatabase(inject("databaseUrl"), `palisade_scratch_${randomBytes(4).toString("hex")}`);
  await ensureDatabase(url);
  onTestFinished(() => dropDatabase(url));
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// A copy of the committed migrations (and optionally the schema) to add to.
async function workspace(): Promise<{ migrationsDir: string; schemaPath: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-migrations-"));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  const migrationsDir = path.join(dir, "migrations");
  await fs.cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  const schemaPath = path.join(dir, "schema.prisma");
  await fs.copyFile(SCHEMA_PATH, schemaPath);
  return { migrationsDir, schemaPath };
}

async function addMigration(migrationsDir: string, name: string, sql: string) {
  await fs.mkdir(path.join(migrationsDir, name));
  await fs.writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}

async function committedMigrationNames() {
  const entries = await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

describe("migrations", () => {
  it("apply to an empty database, and a second run applies nothing", async () => {
    const url = await emptyDatabase();

    const first = await applyMigrations({ url });
    expect(first.applied).toEqual(await committedMigrationNames());

    const tables = await query<{ name: string }>(
      url,
      "select table_name as name from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["User", "Engagement", "Host", "AuditLog"]));
    // Prisma's own bookkeeping, so `prisma migrate status` agrees wherever the CLI runs.
    const recorded = await query<{ migration_name: string; finished: boolean }>(
      url,
      "select migration_name, finished_at is not null as finished from _prisma_migrations order by migration_name",
    );
    expect(recorded).toEqual(first.applied.map((name) => ({ migration_name: name, finished: true })));

    const second = await applyMigrations({ url });
    expect(second).toEqual({ applied: [], total: first.total });
  });

  it("match schema.prisma: replaying them leaves nothing to migrate", async () => {
    const sql = await diffMigrationsToSchema({ url: inject("databaseUrl") });
    expect(sql, "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toBeNull();
  });

  it("leave no shadow database behind after a diff", async () => {
    await diffMigrationsToSchema({ url: inject("databaseUrl") });
    const leftovers = await query(inject("databaseUrl"), "select datname from pg_database where datname like 'palisade_shadow_%'");
    expect(leftovers).toEqual([]);
  });

  it("apply function bodies with semicolons in them in one piece", async () => {
    const url = await emptyDatabase();
    const { migrationsDir } = await workspace();
    await addMigration(
      migrationsDir,
      "29990101000000_append_only_audit_log",
      `CREATE FUNCTION refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'append-only; % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION refuse_change();
`,
    );
    await applyMigrations({ url, migrationsDir });
    const triggers = await query(url, "select tgname from pg_trigger where tgname = 'audit_log_append_only'");
    expect(triggers).toHaveLength(1);
  });

  it("roll back a migration that fails, name it, and refuse to go on until it is resolved", async () => {
    const url = await emptyDatabase();
    const { migrationsDir } = await workspace();
    await addMigration(migrationsDir, "29990101000000_broken", `CREATE TABLE "Half" (id int);\nSELECT 1 / 0;\n`);

    await expect(applyMigrations({ url, migrationsDir })).rejects.toThrow(
      /Migration 29990101000000_broken failed:[\s\S]*division by zero/,
    );
    const half = await query(url, `select to_regclass('"Half"') as t`);
    expect(half).toEqual([{ t: null }]);

    await expect(applyMigrations({ url, migrationsDir })).rejects.toThrow(/P3009/);
  });

  it("are written for a schema change, after which there are no changes", async () => {
    const url = inject("databaseUrl");
    const { migrationsDir, schemaPath } = await workspace();
    await fs.appendFile(schemaPath, "\nmodel Scratch {\n  id   Int    @id @default(autoincrement())\n  note String\n}\n");

    const result = await createMigration({ url, migrationsDir, schemaPath, name: "Add scratch!", now: new Date("2999-01-02T03:04:05Z") });
    expect(result).toMatchObject({ created: true, name: "29990102030405_add_scratch" });
    const sql = await fs.readFile(path.join(migrationsDir, "29990102030405_add_scratch", "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Scratch"');
    expect(await fs.readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    expect(await createMigration({ url, migrationsDir, schemaPath, name: "again" })).toEqual({ created: false });
  });
});
