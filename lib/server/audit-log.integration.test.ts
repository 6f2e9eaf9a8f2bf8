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

  it("refuses to update or delete audit rows", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    const client = await createClient({ actor, input: { name: `Immutable ${Date.now()}`, contact: "" } });
    const row = await db().auditLog.findFirstOrThrow({ where: { target: `client:${client.id}` } });
    await expect(db().$executeRaw`UPDATE "AuditLog" SET action = 'forged' WHERE id = ${row.id}`).rejects.toThrow(/immutable/);
    await expect(db().$executeRaw`DELETE FROM "AuditLog" WHERE id = ${row.id}`).rejects.toThrow(/immutable/);
    expect(await db().auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("detects a row edited by someone who switched the guard off", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    const client = await createClient({ actor, input: { name: `Tamper ${Date.now()}`, contact: "" } });
    const row = await db().auditLog.findFirstOrThrow({ where: { target: `client:${client.id}` } });
    const forge = async (details: string) => {
      await db().$transaction([
        db().$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`),
        db().$executeRaw`UPDATE "AuditLog" SET details = ${details}::jsonb WHERE id = ${row.id}`,
        db().$executeRawUnsafe(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`),
      ]);
    };
    await forge('{"name":"forged"}');
    expect(await verifyAuditLog()).toMatchObject({ ok: false, brokenAtId: row.id });
    // Put it back so later tests see a sound chain.
    await forge(JSON.stringify({ name: client.name }));
    expect(await verifyAuditLog()).toMatchObject({ ok: true });
  });
});
