import { z } from "zod";
import type { TCursor, TFindingFilter, TFindingSort } from "@/lib/domain/findings/list-findings";
import { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { ZId } from "@/lib/validation/text";

// The findings list's state lives in the URL (filters, sort, keyset cursor),
// shared by the page, its links and the JSON route. The cursor travels as
// base64url JSON and is validated like any other input before the domain sees it.

const ZCursor = z.union([
  z.strictObject({ rank: z.number().int().min(0).max(3), id: ZId }),
  z.strictObject({ lastSeenAt: z.iso.datetime(), id: ZId }),
]);

export function encodeCursor(cursor: TCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string): TCursor | null {
  try {
    const parsed = ZCursor.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const many = <T extends z.ZodType>(item: T, label: string) =>
  z
    .union([item, z.array(item).max(20, `At most 20 ${label} values`)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const ZFindingQuery = z.object({
  severity: many(z.enum(Severity, { error: "Unknown severity" }), "severity"),
  status: many(z.enum(FindingStatus, { error: "Unknown status" }), "status"),
  host: z.union([z.literal(""), ZId]).optional(),
  rule: z.string({ error: "Rule must be text" }).trim().max(100, "Rule id must be at most 100 characters").regex(/^[a-z0-9._-]*$/i, "Rule id may hold letters, digits, dots, dashes and underscores").optional(),
  seen: z.enum(["", "new", "recurring"], { error: "Seen must be new or recurring" }).optional(),
  q: z.string({ error: "Search must be text" }).trim().max(200, "Search must be at most 200 characters").optional(),
  sort: z.enum(["severity", "recent"], { error: "Sort by severity or recent" }).default("severity"),
  cursor: z
    .string({ error: "Cursor must be text" })
    .max(400, "Cursor is malformed")
    .optional()
    .refine((s) => !s || decodeCursor(s) !== null, "Cursor is malformed")
    .transform((s) => (s ? (decodeCursor(s) ?? undefined) : undefined)),
  // Which page this is, for display only: keyset paging has no page numbers.
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

export type TFindingQuery = z.output<typeof ZFindingQuery>;

export type TSearchParams = Record<string, string | string[] | undefined>;

// Query strings to the object zod reads: URLSearchParams keeps repeated keys.
export function searchParamsObject(params: URLSearchParams): TSearchParams {
  const out: TSearchParams = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

// The page forgives a bad address: what cannot be read is dropped (and named),
// the rest still applies. The JSON route is strict instead.
export function readFindingQuery(raw: TSearchParams): { query: TFindingQuery; ignored: string[] } {
  const input: TSearchParams = { ...raw };
  const ignored: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    const parsed = ZFindingQuery.safeParse(input);
    if (parsed.success) return { query: parsed.data, ignored };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key in input) {
        ignored.push(`${key}: ${issue.message}`);
        delete input[key];
      }
    }
  }
  return { query: ZFindingQuery.parse({}), ignored };
}

export function listArgs(query: TFindingQuery): { filter: TFindingFilter; sort: TFindingSort; cursor?: TCursor } {
  const filter: TFindingFilter = {};
  if (query.severity.length) filter.severity = query.severity;
  if (query.status.length) filter.status = query.status;
  if (query.host) filter.hostId = query.host;
  if (query.rule) filter.ruleId = query.rule;
  if (query.seen) filter.seen = query.seen;
  if (query.q) filter.q = query.q;
  return { filter, sort: query.sort, ...(query.cursor ? { cursor: query.cursor } : {}) };
}

// The URL of the list with these filters (and optionally a cursor and page).
export function findingsHref(engagementId: string, query: TFindingQuery, at?: { cursor: TCursor; page: number }): string {
  const params = new URLSearchParams();
  for (const s of query.severity) params.append("severity", s);
  for (const s of query.status) params.append("status", s);
  if (query.host) params.set("host", query.host);
  if (query.rule) params.set("rule", query.rule);
  if (query.seen) params.set("seen", query.seen);
  if (query.q) params.set("q", query.q);
  if (query.sort !== "severity") params.set("sort", query.sort);
  if (at) {
    params.set("cursor", encodeCursor(at.cursor));
    params.set("page", String(at.page));
  }
  const qs = params.toString();
  return `/engagements/${engagementId}/findings${qs ? `?${qs}` : ""}`;
}
