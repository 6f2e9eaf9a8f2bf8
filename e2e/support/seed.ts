import { db } from "@/lib/server/db";
import { encryptSecret } from "@/lib/server/crypto";
import { makeClient, makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";

// The scene every spec starts from. Two tenants: engagement A (Acme) and
// engagement B (Globex) with hosts and a credential each, and a third
// engagement the bad-input spec may hammer without disturbing the others.

export type TAccount = { id: string; email: string; password: string };
export type TSeeded = {
  users: { admin: TAccount; consultant: TAccount; clientUser: TAccount };
  engagements: {
    a: { id: string; name: string; hostIds: string[]; credentialId: string };
    b: { id: string; name: string; hostIds: string[]; credentialId: string };
    badInput: { id: string; name: string };
  };
};

const account = ({ user, password }: { user: { id: string; email: string }; password: string }): TAccount => ({ id: user.id, email: user.email, password });

export async function seedE2e(): Promise<TSeeded> {
  const d = db();
  const admin = await makeUser(d, { role: "ADMIN", email: "admin@e2e.test", name: "Ada Admin" });
  const consultant = await makeUser(d, { role: "CONSULTANT", email: "consultant@e2e.test", name: "Cora Consultant" });
  const clientUser = await makeUser(d, { role: "CLIENT", email: "client@e2e.test", name: "Cliff Client" });
  // B's own consultant: B has members, so "not a member" is the only reason A's people are kept out.
  const otherConsultant = await makeUser(d, { role: "CONSULTANT", email: "globex-consultant@e2e.test", name: "Gil Globex" });

  const acme = await makeClient(d, { name: "Acme Corp (e2e)" });
  const globex = await makeClient(d, { name: "Globex (e2e)" });
  const a = await makeEngagement(d, { clientId: acme.id, name: "Acme perimeter", memberIds: [consultant.user.id, clientUser.user.id] });
  const b = await makeEngagement(d, { clientId: globex.id, name: "Globex datacentre", memberIds: [otherConsultant.user.id] });
  const badInput = await makeEngagement(d, { clientId: acme.id, name: "Acme bad input", memberIds: [consultant.user.id] });

  const credential = async (engagementId: string, label: string) => {
    const id = `ce2e${engagementId.slice(-20)}`;
    await d.credential.create({
      data: { id, engagementId, label, kind: "PASSWORD", username: "root", secret: encryptSecret(JSON.stringify({ kind: "PASSWORD", password: `pw-${label}` }), id) },
    });
    return id;
  };
  const aHosts = [await makeHost(d, { engagementId: a.id, address: "10.1.0.1" }), await makeHost(d, { engagementId: a.id, address: "10.1.0.2" })];
  const bHosts = [await makeHost(d, { engagementId: b.id, address: "10.2.0.1" }), await makeHost(d, { engagementId: b.id, address: "10.2.0.2" }), await makeHost(d, { engagementId: b.id, address: "10.2.0.3" })];

  return {
    users: { admin: account(admin), consultant: account(consultant), clientUser: account(clientUser) },
    engagements: {
      a: { id: a.id, name: a.name, hostIds: aHosts.map((h) => h.id), credentialId: await credential(a.id, "acme-root") },
      b: { id: b.id, name: b.name, hostIds: bHosts.map((h) => h.id), credentialId: await credential(b.id, "globex-root") },
      badInput: { id: badInput.id, name: badInput.name },
    },
  };
}
