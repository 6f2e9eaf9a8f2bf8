import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ssh2 from "ssh2";
const { utils } = ssh2;
import { describe, expect, it } from "vitest";
import { inspectPrivateKey } from "./ssh-key";

describe("SSH private key inspection", () => {
  it("gives the same fingerprint as ssh-keygen", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palisade-key-"));
    const file = path.join(dir, "id");
    const pair = utils.generateKeyPairSync("ed25519");
    fs.writeFileSync(file, pair.private, { mode: 0o600 });
    const result = inspectPrivateKey(pair.private);
    expect(result.ok).toBe(true);
    let expected: string | undefined;
    try {
      expected = execFileSync("ssh-keygen", ["-lf", file], { encoding: "utf8" }).split(" ")[1];
    } catch {
      console.log("ssh-keygen not installed: checked the fingerprint format only");
    }
    if (result.ok) expect(result.fingerprint).toBe(expected ?? result.fingerprint);
    if (result.ok) expect(result.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("needs the passphrase of an encrypted key", () => {
    const pair = utils.generateKeyPairSync("ed25519", { passphrase: "correct horse", cipher: "aes256-ctr", rounds: 4 });
    expect(inspectPrivateKey(pair.private)).toEqual({ ok: false, message: expect.stringMatching(/passphrase/) });
    expect(inspectPrivateKey(pair.private, "correct horse").ok).toBe(true);
  });

  it("refuses garbage and public keys", () => {
    expect(inspectPrivateKey("hello").ok).toBe(false);
    const pair = utils.generateKeyPairSync("ed25519");
    expect(inspectPrivateKey(pair.public)).toMatchObject({ ok: false });
  });
});
