import { randomBytes } from "node:crypto";
import type { TDb } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/auth/passwords";
import type { TActor } from "@/lib/domain/actor";
import type { Role } from "@/lib/generated/prisma/enums";

// Test and demo data, shared by the seed, the integration tests and e2e.
// They write rows directly: they set the scene, they are not what is tested.
const unique = () => randomBytes(4).toString("hex");

export async function makeUser(db: TDb, opts: { role: Role; email?: string; name?: string; password?: string; disabled?: boolean }) {
  const tag = unique();
  const password = opts.password ?? `pw-${randomBytes(9).toString("base64url")}`;
  const user = await db.user.create({
    data: {
      email: (opts.email ?? `${opts.role.toLowerCase()}-${tag}@example.test`).toLowerCase(),
      name: opts.name ?? `${opts.role.charAt(0)}${opts.role.slice(1).toLowerCase()} ${tag}`,
      role: opts.role,
      disabled: opts.disabled ?? false,
      passwordHash: await hashPassword(password),
    },
  });
  const actor: TActor = { id: user.id, email: user.email, name: user.name, role: user.role };
  return { user, actor, password };
}

export async function makeClient(db: TDb, opts: { name?: string } = {}) {
  return db.client.create({ data: { name: opts.name ?? `Client ${unique()}`, contact: "security@example.test" } });
}

export async function makeEngagement(db: TDb, opts: { clientId?: string; name?: string; memberIds?: string[]; status?: "PLANNED" | "ACTIVE" | "REPORTING" | "CLOSED" } = {}) {
  const clientId = opts.clientId ?? (await makeClient(db)).id;
  return db.engagement.create({
    data: {
      clientId,
      name: opts.name ?? `Engagement ${unique()}`,
      status: opts.status ?? "ACTIVE",
      scope: "Internet-facing Linux hosts",
      members: { create: (opts.memberIds ?? []).map((userId) => ({ userId })) },
    },
  });
}

export async function makeHost(db: TDb, opts: { engagementId: string; address?: string; port?: number; label?: string; simulated?: boolean; exposure?: "INTERNET" | "INTERNAL"; hostKeyFingerprint?: string | null; credentialId?: string | null }) {
  const address = opts.address ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  return db.host.create({
    data: {
      engagementId: opts.engagementId,
      address,
      port: opts.port ?? 22,
      label: opts.label ?? address,
      simulated: opts.simulated ?? false,
      exposure: opts.exposure ?? "INTERNAL",
      hostKeyFingerprint: opts.hostKeyFingerprint ?? null,
      credentialId: opts.credentialId ?? null,
    },
  });
}
