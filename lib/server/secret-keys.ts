import { hkdfSync } from "node:crypto";

// One operator secret (PALISADE_SECRET), separate keys per purpose, so a key
// leaked from one use (e.g. session signing) does not open stored credentials.
export type TKeyPurpose = "credential-encryption-v1" | "session-signing-v1";

export function deriveKey(secret: string, purpose: TKeyPurpose): Buffer {
  if (secret.length < 32) throw new Error("PALISADE_SECRET must be at least 32 characters");
  return Buffer.from(hkdfSync("sha256", secret, "palisade", purpose, 32));
}

export function requireSecret(): string {
  const secret = process.env.PALISADE_SECRET;
  if (!secret) throw new Error("PALISADE_SECRET is not set: `npm start` generates one for the embedded default.");
  return secret;
}
