import type { TTx } from "./db";
import { GENESIS_HASH, hashAuditRow, verifyChain, type TChainVerdict } from "./audit-chain";
import { db } from "./db";

// Any constant works; it only has to be the same for every writer.
const AUDIT_LOCK_KEY = 7_461_205_331;

export type TAuditEntry = {
  actorId: string | null;
  action: string;
  target: string;
  details?: Record<string, unknown>;
};

// Call inside the transaction that makes the change, so the change and its
// audit row commit together. The advisory lock serialises writers so the
// chain never forks.
export async function writeAudit(tx: TTx, entry: TAuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const details = entry.details ?? {};
  const hash = hashAuditRow(prevHash, { at, actorId: entry.actorId, action: entry.action, target: entry.target, details });
  await tx.auditLog.create({
    data: { at, actorId: entry.actorId, action: entry.action, target: entry.target, details: details as object, prevHash, hash },
  });
}

export async function verifyAuditLog(): Promise<TChainVerdict> {
  const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
  return verifyChain(rows);
}
