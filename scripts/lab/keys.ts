// Keys for the lab and the demo fleet: an ed25519 client key authorised everywhere, and one
// ed25519 host key per host whose fingerprint is recorded for pinning.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ssh2 from "ssh2";
import { fingerprintOfPublicKey } from "../../lib/audit/ssh/fingerprint";

export type TKeyPair = { privateKey: string; publicKey: string; fingerprint: string };

// ssh2's keygen strips leading zero bytes from an ed25519 public key, so about 1 key in 256
// comes out malformed (mscdex/ssh2#1390, #1513). Such a pair is discarded and drawn again.
// Every key Palisade's lab, demo fleet and tests make comes from here for that reason.
export function generateEd25519(comment: string, passphrase?: string): TKeyPair {
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", passphrase ? { comment, passphrase, cipher: "aes256-ctr", rounds: 4 } : { comment });
    const pub = ssh2.utils.parseKey(pair.public);
    const priv = ssh2.utils.parseKey(pair.private, passphrase);
    if (pub instanceof Error || priv instanceof Error) continue;
    return { privateKey: pair.private, publicKey: pair.public, fingerprint: fingerprintOfPublicKey(pair.public) };
  }
  throw new Error("could not generate a well-formed ed25519 key");
}

// Loads `<file>` and `<file>.pub`, creating them on first use (mode 0600 for the private half).
export function loadOrCreateKey(file: string, comment: string): TKeyPair {
  if (existsSync(file) && existsSync(`${file}.pub`)) {
    const publicKey = readFileSync(`${file}.pub`, "utf8").trim();
    return { privateKey: readFileSync(file, "utf8"), publicKey, fingerprint: fingerprintOfPublicKey(publicKey) };
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pair = generateEd25519(comment);
  writeFileSync(file, pair.privateKey, { mode: 0o600 });
  writeFileSync(`${file}.pub`, `${pair.publicKey}\n`, { mode: 0o644 });
  return pair;
}
