import { createHash } from "node:crypto";
import ssh2 from "ssh2";

// ssh2 is CommonJS: Node's ESM loader cannot see its named exports.
const { utils } = ssh2;

export type TParsedKey = { ok: true; type: string; fingerprint: string } | { ok: false; message: string };

// OpenSSH's format: "SHA256:" + unpadded base64 of the SHA-256 of the public key blob.
export function fingerprintOfPublicBlob(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

// Parses an OpenSSH/PEM private key (decrypting it with the passphrase when
// one is given) and returns only what may be shown: its type and fingerprint.
export function inspectPrivateKey(privateKey: string, passphrase?: string): TParsedKey {
  const parsed = utils.parseKey(privateKey.trim(), passphrase || undefined);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message);
    return { ok: false, message: encrypted ? "The key is encrypted: the passphrase is missing or wrong" : "Not a private key Palisade can read (OpenSSH or PEM format expected)" };
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) return { ok: false, message: "That is a public key: paste the private key" };
  return { ok: true, type: key.type, fingerprint: fingerprintOfPublicBlob(key.getPublicSSH()) };
}
