import { randomBytes } from "node:crypto";
import { storeCredential } from "@/lib/domain/credentials/store-credential";
import { db } from "@/lib/server/db";
import { makeEngagement, makeUser } from "@/lib/testing/factories";

export type TFleetHost = { label: string; address: string; port: number; username: string; hostKeyFingerprint: string | null };

// An engagement holding the given hosts, all with one key credential and
// their host keys pinned, and the consultant who will start the run.
export async function seedFleetEngagement(hosts: TFleetHost[], privateKey: string) {
  const { actor } = await makeUser(db(), { role: "CONSULTANT" });
  const engagement = await makeEngagement(db(), { name: `bench ${randomBytes(3).toString("hex")}`, memberIds: [actor.id] });
  const credential = await storeCredential({ actor, engagementId: engagement.id, input: { label: "bench key", kind: "PRIVATE_KEY", username: "root", privateKey, passphrase: "", password: "" } });
  await db().host.createMany({
    data: hosts.map((h) => ({ engagementId: engagement.id, label: h.label, address: h.address, port: h.port, username: h.username, hostKeyFingerprint: h.hostKeyFingerprint, credentialId: credential.id, exposure: "INTERNET" as const })),
  });
  return { actor, engagementId: engagement.id };
}
