import pg from "pg";

// Creating and dropping whole databases: what the migration scripts, the
// shadow database and the test harness need. CREATE/DROP DATABASE cannot run
// inside the database concerned, so these connect to the server's
// maintenance database instead.

/** Name of the database a postgresql:// URL points at. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error("The database URL names no database (expected postgresql://user:pass@host:port/<database>)");
  return name;
}

/** The same server and login, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
}

/** Creates the database the URL names if it does not exist; true when it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return withMaintenanceClient(url, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount) return false;
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our create.
      if ((error as { code?: string }).code === "42P04") return false;
      throw error;
    }
  });
}

/** Drops the database the URL names, closing other sessions on it first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenanceClient(url, async (client) => {
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    await client.query(`drop database if exists ${client.escapeIdentifier(name)}`);
  });
}

async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // "postgres" exists on every stock server; template1 is the fallback when
  // someone dropped it.
  let lastError: unknown;
  for (const maintenance of ["postgres", "template1"]) {
    if (maintenance === databaseName(url)) continue;
    const client = new pg.Client({ connectionString: withDatabase(url, maintenance) });
    try {
      await client.connect();
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === "3D000") continue; // no such database: try the next
      throw error;
    }
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
  throw lastError;
}
