// Postgres text and jsonb cannot hold NUL, and host output (e.g.
// /proc/PID/cmdline) is full of them. Stored text shows each NUL as ␀; the
// evidence hash was taken over the exact bytes before this.
const NUL = /\u0000/g;

export const pgText = (text: string) => text.replace(NUL, "\u2400");

export function pgJson<T>(value: T): T {
  if (typeof value === "string") return pgText(value) as T;
  if (Array.isArray(value)) return value.map(pgJson) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [pgText(k), pgJson(v)])) as T;
  }
  return value;
}
