import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateEd25519 } from "@/scripts/lab/keys";
import { inspectPrivateKey } from "./ssh-key";

describe("SSH private key inspection", () => {
  it("gives the same fingerprint as ssh-keygen", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palisade-key-"));
    const file = path.join(dir, "id");
    const pair = generateEd25519("test");
    fs.writeFileSync(file, pair.privateKey, { mode: 0o600 });
    const result = inspectPrivateKey(pair.privateKey);
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
    const pair = generateEd25519("test", "correct horse");
    expect(inspectPrivateKey(pair.privateKey)).toEqual({ ok: false, message: expect.stringMatching(/passphrase/) });
    expect(inspectPrivateKey(pair.privateKey, "correct horse").ok).toBe(true);
  });

  it("refuses garbage and public keys", () => {
    expect(inspectPrivateKey("hello").ok).toBe(false);
    expect(inspectPrivateKey(generateEd25519("test").publicKey)).toMatchObject({ ok: false });
  });
});
