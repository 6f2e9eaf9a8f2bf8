import type { TAuditTarget, TAuth } from "@/lib/audit/audit-types";
import type { TStoredSecret } from "@/lib/domain/credentials/store-credential";
import { decryptSecret } from "@/lib/server/crypto";

type THostWithCredential = {
  address: string;
  port: number;
  username: string;
  hostKeyFingerprint: string | null;
  credential: { id: string; secret: string } | null;
};

// The only place a credential is decrypted: in the worker, for one connection.
export function loadAuditTarget(host: THostWithCredential): TAuditTarget | { error: string } {
  if (!host.credential) return { error: "No SSH credential is assigned to this host" };
  let secret: TStoredSecret;
  try {
    secret = JSON.parse(decryptSecret(host.credential.secret, host.credential.id)) as TStoredSecret;
  } catch {
    return { error: "The stored credential could not be decrypted (was PALISADE_SECRET changed?)" };
  }
  const auth: TAuth = secret.kind === "PRIVATE_KEY" ? { kind: "key", privateKey: secret.privateKey, passphrase: secret.passphrase || undefined } : { kind: "password", password: secret.password };
  return { address: host.address, port: host.port, username: host.username, auth, pinnedFingerprint: host.hostKeyFingerprint };
}
