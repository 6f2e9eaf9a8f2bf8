import { ColumnTypeEnum, type SqlResultSet } from "@prisma/driver-adapter-utils";
import pg from "pg";

// Workaround: @prisma/adapter-pg 7.10 maps result columns to Prisma column
// types by type OID and throws "Unsupported column type" for Postgres'
// internal catalog types. Prisma Client never selects them, but the schema
// engine's introspection does: "char" (pg_constraint.contype,
// pg_class.relkind, ...) and name[] among others.
//
// Two steps, because the adapter neither exposes its type mapping nor passes
// OIDs on:
//  1. on the pg connection (`relabelCatalogColumns`), relabel those columns
//     as text / text[] so the adapter accepts them, remembering which were
//     "char";
//  2. on the adapter's result (`restoreCharColumns`), type those as
//     Character: the engine reads them as a Rust `char` and panics on text
//     ("Getting constraint_type ... as char failed").

const CHAR = 18;
const TEXT = 25;
const TEXT_ARRAY = 1009;

// Catalog types whose text output is a plain string.
const SCALARS_AS_TEXT = new Set([
  19, // name (adapter-pg 7.10 maps it already; kept for older versions)
  22, // int2vector
  24, // regproc
  28, // xid
  29, // cid
  30, // oidvector
  194, // pg_node_tree
  1033, // aclitem
  2202, // regprocedure
  2205, // regclass
  2206, // regtype
  3734, // regconfig
  4089, // regnamespace
  4096, // regrole
  5069, // xid8
]);

// Arrays of catalog types; node-postgres leaves them as the raw "{a,b}" literal.
const ARRAYS_AS_TEXT_ARRAY = new Set([
  1003, // name[]
  1034, // aclitem[]
]);

// pg-types' TypeId enum lists no array OIDs, hence the cast.
const parseTextArray = (pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => string[])(
  TEXT_ARRAY,
  "text",
);

// Which columns of a result were "char", keyed by the result's `rows` array,
// the one object that travels unchanged from pg's result into the adapter's.
const charColumns = new WeakMap<object, number[]>();

export type TFieldLike = { dataTypeID: number; name: string };
export type TPgResultLike = { fields?: TFieldLike[]; rows?: unknown[] };

/** Step 1, on a node-postgres result (in place; returns it). */
export function relabelCatalogColumns<T extends TPgResultLike>(result: T): T {
  const chars: number[] = [];
  (result.fields ?? []).forEach((field, index) => {
    if (field.dataTypeID === CHAR) {
      field.dataTypeID = TEXT;
      chars.push(index);
    } else if (SCALARS_AS_TEXT.has(field.dataTypeID)) {
      field.dataTypeID = TEXT;
    } else if (ARRAYS_AS_TEXT_ARRAY.has(field.dataTypeID)) {
      field.dataTypeID = TEXT_ARRAY;
      for (const row of result.rows ?? []) {
        // The adapter queries in rowMode "array"; object rows are handled for completeness.
        const key = Array.isArray(row) ? index : field.name;
        const record = row as Record<string | number, unknown>;
        if (typeof record[key] === "string") record[key] = parseTextArray(record[key] as string);
      }
    }
  });
  if (chars.length > 0 && result.rows) charColumns.set(result.rows, chars);
  return result;
}

/** Step 2, on the adapter's result set (in place; returns it). */
export function restoreCharColumns(resultSet: SqlResultSet): SqlResultSet {
  for (const index of charColumns.get(resultSet.rows) ?? []) {
    resultSet.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return resultSet;
}

/**
 * Installs step 1 on every client of a pool: `pool.on("connect", relabelCatalogTypes)`.
 * node-postgres calls `client.query` with a callback from `pool.query` and
 * without one (a promise) inside transactions, so both forms are wrapped.
 */
export function relabelCatalogTypes(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const relabel = (result: unknown) =>
    Array.isArray(result)
      ? result.map((r) => relabelCatalogColumns(r as TPgResultLike))
      : relabelCatalogColumns(result as TPgResultLike);
  client.query = ((...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error || !result ? result : relabel(result));
      return query(...args);
    }
    const returned = query(...args);
    return returned instanceof Promise ? returned.then(relabel) : returned;
  }) as typeof client.query;
}
