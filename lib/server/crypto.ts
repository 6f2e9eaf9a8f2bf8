import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey, requireSecret } from "./secret-keys";

// AES-256-GCM envelope: "v1:<iv>:<tag>:<ciphertext>", base64 parts. The record
// id is bound in as associated data, so a ciphertext copied onto another
// credential row fails to decrypt instead of silently lending its secret.
const VERSION = "v1";

export function encryptSecret(plaintext: string, associatedData: string, secret = requireSecret()): string {
  const key = deriveKey(secret, "credential-encryption-v1");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64"))).join(":");
}

export function decryptSecret(envelope: string, associatedData: string, secret = requireSecret()): string {
  const [version, iv, tag, ciphertext, ...rest] = envelope.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) {
    throw new Error("Stored secret is not a recognised envelope");
  }
  const key = deriveKey(secret, "credential-encryption-v1");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  // Throws on any tampering with iv, tag, ciphertext or associated data.
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
