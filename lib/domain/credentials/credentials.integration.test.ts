import { generateEd25519 } from "@/scripts/lab/keys";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { decryptSecret } from "@/lib/server/crypto";
import { makeEngagement, makeUser } from "@/lib/testing/factories";
import { getEngagement } from "../engagements/get-engagement";
import { storeCredential } from "./store-credential";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

describe("stored credentials", () => {
  it("are encrypted at rest, omitted from ordinary queries, and shown only by fingerprint", async () => {
    const { actor } = await makeUser(db(), { role: "CONSULTANT" });
    const engagementId = (await makeEngagement(db(), { memberIds: [actor.id] })).id;
    const pair = generateEd25519("test");
    const stored = await storeCredential({ actor, engagementId, input: { label: "deploy key", kind: "PRIVATE_KEY", username: "audit", privateKey: pair.privateKey, passphrase: "", password: "" } });

    expect(stored).not.toHaveProperty("secret");
    expect(stored.fingerprint).toMatch(/^SHA256:/);

    const [raw] = await db().$queryRaw<{ secret: string }[]>`SELECT secret FROM "Credential" WHERE id = ${stored.id}`;
    expect(raw!.secret).not.toContain("PRIVATE KEY");
    expect(JSON.parse(decryptSecret(raw!.secret, stored.id))).toMatchObject({ kind: "PRIVATE_KEY", privateKey: expect.stringContaining("PRIVATE KEY") });

    const page = await getEngagement({ actor, engagementId });
    expect(JSON.stringify(page)).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(page)).not.toContain(raw!.secret);

    const audit = await db().auditLog.findMany({ where: { target: `credential:${stored.id}` } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain("PRIVATE KEY");
  });

  it("refuses an unreadable key with a message on the key field, saving nothing", async () => {
    const { actor } = await makeUser(db(), { role: "CONSULTANT" });
    const engagementId = (await makeEngagement(db(), { memberIds: [actor.id] })).id;
    const error = await storeCredential({ actor, engagementId, input: { label: "bad", kind: "PRIVATE_KEY", username: "root", privateKey: "not a key", passphrase: "", password: "" } }).catch((e) => e);
    expect(error.fieldErrors).toEqual({ privateKey: [expect.stringMatching(/Not a private key/)] });
    expect(await db().credential.count({ where: { engagementId } })).toBe(0);
  });
});
