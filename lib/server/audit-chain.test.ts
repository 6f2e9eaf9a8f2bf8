import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow, verifyChain, type TChainRow } from "./audit-chain";

function chain(n: number): TChainRow[] {
  const rows: TChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const content = { at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), actorId: `u${i % 2}`, action: "host.create", target: `host:${i}`, details: { address: `10.0.0.${i}`, nested: { b: 1, a: [1, 2] } } };
    const hash = hashAuditRow(prev, content);
    rows.push({ ...content, id: BigInt(i + 1), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit log hash chain", () => {
  it("verifies an untouched chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, rows: 5 });
  });

  it("detects an edited row at that row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, details: { address: "10.9.9.9" } };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAtId: 3n });
  });

  it("detects a deleted row at the row after it", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAtId: 3n });
  });

  it("detects a changed actor or time", () => {
    const rows = chain(3);
    rows[0] = { ...rows[0]!, actorId: "someone-else" };
    expect(verifyChain(rows).ok).toBe(false);
    const again = chain(3);
    again[1] = { ...again[1]!, at: new Date(0) };
    expect(verifyChain(again).ok).toBe(false);
  });

  it("does not depend on the key order of details (jsonb reorders keys)", () => {
    const at = new Date();
    const a = hashAuditRow(GENESIS_HASH, { at, actorId: null, action: "x", target: "t", details: { b: 1, a: 2 } });
    const b = hashAuditRow(GENESIS_HASH, { at, actorId: null, action: "x", target: "t", details: { a: 2, b: 1 } });
    expect(a).toBe(b);
  });
});
