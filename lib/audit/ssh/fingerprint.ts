// OpenSSH-style host key fingerprints ("SHA256:" + unpadded base64 of the key blob's digest).
import { createHash, timingSafeEqual } from "node:crypto";
import ssh2 from "ssh2";

// ssh2 is CommonJS: Node's ESM loader sees no named exports on it, so take the default.
const { utils } = ssh2;

export function fingerprintOfKeyBlob(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

// Accepts an OpenSSH public key line ("ssh-ed25519 AAAA... comment") or a private key.
export function fingerprintOfPublicKey(key: string | Buffer): string {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw new Error(`cannot parse key: ${parsed.message}`);
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!one) throw new Error("cannot parse key: empty");
  return fingerprintOfKeyBlob(one.getPublicSSH());
}

export function sameFingerprint(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
