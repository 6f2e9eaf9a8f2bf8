import { randomBytes } from "node:crypto";
import { inspectPrivateKey } from "@/lib/credentials/ssh-key";
import { writeAudit } from "@/lib/server/audit-log";
import { encryptSecret } from "@/lib/server/crypto";
import { AppError } from "@/lib/server/errors";
import type { TCredentialInput } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export type TStoredSecret = { kind: "PRIVATE_KEY"; privateKey: string; passphrase: string } | { kind: "PASSWORD"; password: string };

// The secret is encrypted before it reaches the database and is never
// returned: callers get the label, kind, user and fingerprint only.
export async function storeCredential({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: TCredentialInput }) {
  let fingerprint: string | null = null;
  let secret: TStoredSecret;
  if (input.kind === "PRIVATE_KEY") {
    const key = inspectPrivateKey(input.privateKey, input.passphrase);
    if (!key.ok) throw new AppError("VALIDATION", key.message, { privateKey: [key.message] });
    fingerprint = key.fingerprint;
    secret = { kind: "PRIVATE_KEY", privateKey: input.privateKey.trim() + "\n", passphrase: input.passphrase };
  } else {
    secret = { kind: "PASSWORD", password: input.password };
  }

  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "credential.write");
    const id = `c${randomBytes(12).toString("hex")}`;
    const credential = await tx.credential.create({
      data: { id, engagementId, label: input.label, kind: input.kind, username: input.username, fingerprint, secret: encryptSecret(JSON.stringify(secret), id) },
    });
    await writeAudit(tx, { actorId: actor.id, action: "credential.create", target: `credential:${id}`, details: { engagementId, label: input.label, kind: input.kind, fingerprint } });
    return credential;
  }, `A credential labelled "${input.label}" already exists in this engagement`);
}
