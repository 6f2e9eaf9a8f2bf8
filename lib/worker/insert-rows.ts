import { randomUUID } from "node:crypto";
import type { TTx } from "@/lib/server/db";

// Bulk insert of many rows in one statement: Postgres turns a JSON array into
// typed rows (json_populate_recordset), so the rows skip the ORM's per-row
// work. A worker writes tens of thousands of fact rows a minute; this keeps
// that cheap. Keys must be the tables' column names.
export type TFactTable = "Evidence" | "Listener" | "Service" | "Container" | "CronJob" | "Timer" | "FirewallRule" | "Probe";

export async function insertRows(tx: TTx, table: TFactTable, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((row) => ({ id: randomUUID(), ...row })));
  // Only the fixed table names above reach the SQL text; the data is one parameter.
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, json);
}
