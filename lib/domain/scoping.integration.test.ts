import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import type { TActor } from "./actor";
import { deleteCredential } from "./credentials/delete-credential";
import { storeCredential } from "./credentials/store-credential";
import { archiveEngagement } from "./engagements/archive-engagement";
import { getEngagement } from "./engagements/get-engagement";
import { listEngagements } from "./engagements/list-engagements";
import { updateEngagement } from "./engagements/update-engagement";
import { addHost } from "./hosts/add-host";
import { archiveHost } from "./hosts/archive-host";
import { getHost } from "./hosts/get-host";
import { importHosts } from "./hosts/import-hosts";
import { updateHost } from "./hosts/update-host";
import { addMember } from "./members/add-member";
import { removeMember } from "./members/remove-member";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

// Engagement B's complete state, to prove a refused call changed nothing.
async function snapshot(engagementId: string) {
  const [engagement, hosts, credentials, members, auditRows] = await Promise.all([
    db().engagement.findUnique({ where: { id: engagementId } }),
    db().host.findMany({ where: { engagementId }, orderBy: { id: "asc" } }),
    db().credential.findMany({ where: { engagementId }, orderBy: { id: "asc" }, omit: { secret: false } }),
    db().engagementMember.findMany({ where: { engagementId }, orderBy: { userId: "asc" } }),
    db().auditLog.count(),
  ]);
  return { engagement, hosts, credentials, members, auditRows };
}

async function expectNotFound(work: Promise<unknown>) {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("NOT_FOUND");
}

const hostInput = { label: "", address: "10.1.1.1", port: 22, username: "root", exposure: "INTERNAL" as const, tags: [], credentialId: null };

describe("engagement scoping", () => {
  let alice: TActor; // consultant on A
  let bob: TActor; // consultant on B
  let clientUser: TActor; // client on A
  let admin: TActor;
  let engagementA: string;
  let engagementB: string;
  let hostB: string;
  let credentialB: string;

  beforeAll(async () => {
    alice = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    bob = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    clientUser = (await makeUser(db(), { role: "CLIENT" })).actor;
    admin = (await makeUser(db(), { role: "ADMIN" })).actor;
    engagementA = (await makeEngagement(db(), { memberIds: [alice.id, clientUser.id] })).id;
    engagementB = (await makeEngagement(db(), { memberIds: [bob.id] })).id;
    hostB = (await makeHost(db(), { engagementId: engagementB, address: "10.2.2.2" })).id;
    credentialB = (await storeCredential({ actor: bob, engagementId: engagementB, input: { label: "b-pass", kind: "PASSWORD", username: "root", password: "s3cret-of-b", privateKey: "", passphrase: "" } })).id;
  });

  it("lists only the engagements a user belongs to; admins see all", async () => {
    const ids = (await listEngagements({ actor: alice })).map((e) => e.id);
    expect(ids).toContain(engagementA);
    expect(ids).not.toContain(engagementB);
    const all = (await listEngagements({ actor: admin })).map((e) => e.id);
    expect(all).toEqual(expect.arrayContaining([engagementA, engagementB]));
  });

  it("answers NOT_FOUND for every read, update and delete of another engagement, and changes nothing", async () => {
    const before = await snapshot(engagementB);
    const engagement = before.engagement!;
    await expectNotFound(getEngagement({ actor: alice, engagementId: engagementB }));
    await expectNotFound(updateEngagement({ actor: alice, engagementId: engagementB, input: { clientId: engagement.clientId, name: "hijacked", scope: "", status: "CLOSED", startsOn: null, endsOn: null } }));
    await expectNotFound(archiveEngagement({ actor: alice, engagementId: engagementB }));
    await expectNotFound(addHost({ actor: alice, engagementId: engagementB, input: hostInput }));
    await expectNotFound(importHosts({ actor: alice, engagementId: engagementB, text: "10.3.3.3", exposure: "INTERNAL", credentialId: null }));
    await expectNotFound(getHost({ actor: alice, hostId: hostB }));
    await expectNotFound(updateHost({ actor: alice, hostId: hostB, input: { ...hostInput, address: "10.6.6.6" } }));
    await expectNotFound(archiveHost({ actor: alice, hostId: hostB }));
    await expectNotFound(storeCredential({ actor: alice, engagementId: engagementB, input: { label: "x", kind: "PASSWORD", username: "root", password: "x", privateKey: "", passphrase: "" } }));
    await expectNotFound(deleteCredential({ actor: alice, credentialId: credentialB }));
    await expectNotFound(addMember({ actor: alice, engagementId: engagementB, email: alice.email }));
    await expectNotFound(removeMember({ actor: alice, engagementId: engagementB, userId: bob.id }));
    // A's host may not borrow B's credential either.
    await expectNotFound(addHost({ actor: alice, engagementId: engagementA, input: { ...hostInput, credentialId: credentialB } }));
    expect(await snapshot(engagementB)).toEqual(before);
  });

  it("answers a foreign id exactly like one that does not exist", async () => {
    const foreign = await getHost({ actor: alice, hostId: hostB }).catch((e: AppError) => [e.code, e.message]);
    const missing = await getHost({ actor: alice, hostId: "doesnotexist" }).catch((e: AppError) => [e.code, e.message]);
    expect(foreign).toEqual(missing);
  });

  it("lets a client member see the engagement but not its hosts or credentials, and change nothing", async () => {
    await makeHost(db(), { engagementId: engagementA, address: "10.4.4.4" });
    const seen = await getEngagement({ actor: clientUser, engagementId: engagementA });
    expect(seen.hosts).toEqual([]);
    expect(seen.credentials).toEqual([]);
    const refused = await addHost({ actor: clientUser, engagementId: engagementA, input: hostInput }).catch((e: AppError) => e.code);
    expect(refused).toBe("FORBIDDEN");
    await expectNotFound(getEngagement({ actor: clientUser, engagementId: engagementB }));
  });
});

describe("host import", () => {
  it("saves nothing when one line is bad, and everything when all are good", async () => {
    const { actor } = await makeUser(db(), { role: "CONSULTANT" });
    const engagementId = (await makeEngagement(db(), { memberIds: [actor.id] })).id;
    const bad = await importHosts({ actor, engagementId, text: "10.0.0.1\nroot@10.0.0.2:2222\n10.0.0.999\n", exposure: "INTERNET", credentialId: null });
    expect(bad).toEqual({ ok: false, errors: [{ line: 3, text: "10.0.0.999", message: expect.stringMatching(/not a host name/) }] });
    expect(await db().host.count({ where: { engagementId } })).toBe(0);

    const good = await importHosts({ actor, engagementId, text: "10.0.0.1\nroot@10.0.0.2:2222\n[2001:db8::5]:22 v6 host\n", exposure: "INTERNET", credentialId: null });
    expect(good).toEqual({ ok: true, created: 3 });
    const hosts = await db().host.findMany({ where: { engagementId }, orderBy: { address: "asc" } });
    expect(hosts.map((h) => [h.address, h.port, h.label, h.exposure])).toEqual([
      ["10.0.0.1", 22, "10.0.0.1", "INTERNET"],
      ["10.0.0.2", 2222, "10.0.0.2", "INTERNET"],
      ["2001:db8::5", 22, "v6 host", "INTERNET"],
    ]);

    const again = await importHosts({ actor, engagementId, text: "10.0.0.9\n10.0.0.1\n", exposure: "INTERNAL", credentialId: null });
    expect(again).toMatchObject({ ok: false, errors: [{ line: 2, message: "already in this engagement" }] });
    expect(await db().host.count({ where: { engagementId } })).toBe(3);
  });
});
