import { createHash } from "node:crypto";

// Pure hash-chain logic for the append-only audit log. Each row's hash covers
// its content and the previous row's hash, so editing, deleting or reordering
// any row breaks every hash after it.
export const GENESIS_HASH = "0".repeat(64);

export type TAuditContent = {
  at: Date;
  actorId: string | null;
  action: string;
  target: string;
  details: unknown;
};

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashAuditRow(prevHash: string, row: TAuditContent): string {
  const body = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    target: row.target,
    details: row.details,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export type TChainRow = TAuditContent & { id: bigint; prevHash: string; hash: string };

export type TChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: bigint; reason: string };

export function verifyChain(rows: readonly TChainRow[]): TChainVerdict {
  let expectedPrev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) {
      return { ok: false, rows: rows.length, brokenAtId: row.id, reason: "previous-hash link does not match the row before it" };
    }
    if (hashAuditRow(row.prevHash, row) !== row.hash) {
      return { ok: false, rows: rows.length, brokenAtId: row.id, reason: "row content does not match its hash" };
    }
    expectedPrev = row.hash;
  }
  return { ok: true, rows: rows.length };
}
