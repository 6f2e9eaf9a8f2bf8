import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { makeUser } from "@/lib/testing/factories";
import { holdRowLock, untilLockWaiters } from "@/lib/testing/row-locks";
import { updateUser } from "./update-user";

// Palisade must always keep one active admin. The other files' admins are
// disabled for this file, so the two made here are the only ones.
describe("removing admins", () => {
  let othersDisabled: string[] = [];

  beforeAll(async () => {
    othersDisabled = (await db().user.findMany({ where: { role: "ADMIN", disabled: false }, select: { id: true } })).map((u) => u.id);
    await db().user.updateMany({ where: { id: { in: othersDisabled } }, data: { disabled: true } });
  });

  afterAll(async () => {
    await db().user.updateMany({ where: { id: { in: othersDisabled } }, data: { disabled: false } });
  });

  it("refuses an admin removing their own admin access", async () => {
    const { actor } = await makeUser(db(), { role: "ADMIN" });
    await expect(updateUser({ actor, userId: actor.id, input: { role: "CONSULTANT" } })).rejects.toThrow(/your own admin access/);
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.id } })).role).toBe("ADMIN");
    await db().user.update({ where: { id: actor.id }, data: { disabled: true } });
  });

  it("keeps one active admin when two admins remove each other at the same moment", async () => {
    const a = await makeUser(db(), { role: "ADMIN" });
    const b = await makeUser(db(), { role: "ADMIN" });
    // B's row is held so that the first removal stops at it while the second runs.
    const release = await holdRowLock("User", b.user.id);
    const demoteB = updateUser({ actor: a.actor, userId: b.user.id, input: { role: "CONSULTANT" } });
    await untilLockWaiters(1);
    const disableA = updateUser({ actor: b.actor, userId: a.user.id, input: { disabled: true } });
    await Promise.race([disableA.catch(() => undefined), untilLockWaiters(2)]);
    await release();
    const outcomes = await Promise.allSettled([demoteB, disableA]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected")!;
    expect(String(refused.reason)).toMatch(/at least one active admin/);
    expect(await db().user.count({ where: { id: { in: [a.user.id, b.user.id] }, role: "ADMIN", disabled: false } })).toBe(1);
  });
});
