import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { TDb } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/auth/passwords";
import { encryptSecret } from "@/lib/server/crypto";
import { inspectPrivateKey } from "@/lib/credentials/ssh-key";
import { makeClient, makeEngagement, makeUser } from "@/lib/testing/factories";
import type { Role } from "@/lib/generated/prisma/enums";

// The embedded default's demo data. Idempotent: accounts are created once and
// their passwords kept in <dataDir>/demo-accounts.json (0600) so `npm start`
// can print them every time; demo hosts follow the demo fleet.

export type TDemoAccount = { role: Role; email: string; password: string };
export type TDemoFleetHost = { label: string; address: string; port: number; username: string; hostKeyFingerprint: string; exposure?: "INTERNET" | "INTERNAL" };
export type TDemoFleet = { hosts: TDemoFleetHost[]; clientPrivateKey: string };

const DEMO_ROLES: Role[] = ["ADMIN", "CONSULTANT", "REVIEWER", "CLIENT"];
export const DEMO_CLIENT = "Northwind Logistics";
export const DEMO_ENGAGEMENT = "Perimeter review (demo fleet)";
const DEMO_CREDENTIAL = "demo fleet key";

async function demoAccounts(db: TDb, dataDir: string): Promise<TDemoAccount[]> {
  const file = path.join(dataDir, "demo-accounts.json");
  const saved = await fs.readFile(file, "utf8").then((t) => JSON.parse(t) as TDemoAccount[]).catch(() => null);
  if (saved && (await db.user.count({ where: { email: { in: saved.map((a) => a.email) } } })) === saved.length) return saved;

  // First start, or the password file was lost: (re)issue every demo password.
  const accounts: TDemoAccount[] = [];
  for (const role of DEMO_ROLES) {
    const email = `${role.toLowerCase()}@palisade.demo`;
    const password = `demo-${randomBytes(9).toString("base64url")}`;
    const existing = await db.user.findUnique({ where: { email } });
    if (existing) await db.user.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(password), disabled: false, role } });
    else await makeUser(db, { role, email, password, name: `Demo ${role.charAt(0)}${role.slice(1).toLowerCase()}` });
    accounts.push({ role, email, password });
  }
  await fs.writeFile(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}

async function demoEngagement(db: TDb) {
  const existing = await db.engagement.findFirst({ where: { name: DEMO_ENGAGEMENT, client: { name: DEMO_CLIENT } } });
  if (existing) return existing;
  const client = (await db.client.findUnique({ where: { name: DEMO_CLIENT } })) ?? (await makeClient(db, { name: DEMO_CLIENT }));
  const members = await db.user.findMany({ where: { email: { in: DEMO_ROLES.filter((r) => r !== "ADMIN").map((r) => `${r.toLowerCase()}@palisade.demo`) } }, select: { id: true } });
  return makeEngagement(db, { clientId: client.id, name: DEMO_ENGAGEMENT, memberIds: members.map((m) => m.id) });
}

async function demoHosts(db: TDb, engagementId: string, fleet: TDemoFleet) {
  const key = inspectPrivateKey(fleet.clientPrivateKey);
  let credential = await db.credential.findFirst({ where: { engagementId, label: DEMO_CREDENTIAL } });
  if (!credential || credential.fingerprint !== (key.ok ? key.fingerprint : null)) {
    await db.credential.deleteMany({ where: { engagementId, label: DEMO_CREDENTIAL } });
    const id = `cdemo${engagementId.slice(-12)}`;
    credential = await db.credential.create({
      data: {
        id,
        engagementId,
        label: DEMO_CREDENTIAL,
        kind: "PRIVATE_KEY",
        username: "root",
        fingerprint: key.ok ? key.fingerprint : null,
        secret: encryptSecret(JSON.stringify({ kind: "PRIVATE_KEY", privateKey: fleet.clientPrivateKey, passphrase: "" }), id),
      },
    });
  }
  for (const h of fleet.hosts) {
    await db.host.upsert({
      where: { engagementId_address_port_username: { engagementId, address: h.address, port: h.port, username: h.username } },
      create: { engagementId, label: h.label, address: h.address, port: h.port, username: h.username, exposure: h.exposure ?? "INTERNET", simulated: true, hostKeyFingerprint: h.hostKeyFingerprint, credentialId: credential.id },
      update: { label: h.label, simulated: true, hostKeyFingerprint: h.hostKeyFingerprint, credentialId: credential.id, archivedAt: null },
    });
  }
}

export async function seedDemo(db: TDb, opts: { dataDir: string; fleet?: TDemoFleet }): Promise<TDemoAccount[]> {
  const accounts = await demoAccounts(db, opts.dataDir);
  const engagement = await demoEngagement(db);
  if (opts.fleet) await demoHosts(db, engagement.id, opts.fleet);
  return accounts;
}
