import { describe, expect, it } from "vitest";
import { createClient } from "@/lib/domain/clients/create-client";
import { makeUser } from "@/lib/testing/factories";
import { verifyAuditLog } from "./audit-log";
import { db } from "./db";

describe("audit log", () => {
  it("records each change in the same transaction, and concurrent writers keep one chain", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    const names = Array.from({ length: 12 }, (_, i) => `Concurrent client ${i} ${Date.now()}`);
    await Promise.all(names.map((name) => createClient({ actor, input: { name, contact: "" } })));
    const rows = await db().auditLog.findMany({ where: { action: "client.create", actorId: actor.id } });
    expect(rows).toHaveLength(12);
    expect(await verifyAuditLog()).toMatchObject({ ok: true });
  });

  it("writes no audit row when the change is refused", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    const name = `Duplicate ${Date.now()}`;
    await createClient({ actor, input: { name, contact: "" } });
    const before = await db().auditLog.count();
    await expect(createClient({ actor, input: { name, contact: "" } })).rejects.toThrow(/already exists/);
    expect(await db().auditLog.count()).toBe(before);
  });

  it("detects a row edited behind its back", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    const client = await createClient({ actor, input: { name: `Tamper ${Date.now()}`, contact: "" } });
    const row = await db().auditLog.findFirstOrThrow({ where: { target: `client:${client.id}` } });
    await db().$executeRaw`UPDATE "AuditLog" SET details = '{"name":"forged"}' WHERE id = ${row.id}`;
    expect(await verifyAuditLog()).toMatchObject({ ok: false, brokenAtId: row.id });
    // Put it back so later tests see a sound chain.
    await db().auditLog.update({ where: { id: row.id }, data: { details: { name: client.name } } });
    expect(await verifyAuditLog()).toMatchObject({ ok: true });
  });
});
