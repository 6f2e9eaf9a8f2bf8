import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("credential encryption", () => {
  it("round-trips a private key and never stores it in clear", () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
    const envelope = encryptSecret(key, "cred1", secret);
    expect(envelope).not.toContain("OPENSSH");
    expect(envelope.startsWith("v1:")).toBe(true);
    expect(decryptSecret(envelope, "cred1", secret)).toBe(key);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", "id", secret)).not.toBe(encryptSecret("same", "id", secret));
  });

  it("detects tampering with the ciphertext, the tag and the IV", () => {
    const envelope = encryptSecret("hunter2-password", "cred1", secret);
    const parts = envelope.split(":");
    for (const index of [1, 2, 3]) {
      const copy = [...parts];
      const bytes = Buffer.from(copy[index]!, "base64");
      bytes[0] = bytes[0]! ^ 0x01;
      copy[index] = bytes.toString("base64");
      expect(() => decryptSecret(copy.join(":"), "cred1", secret)).toThrow();
    }
  });

  it("refuses a ciphertext moved onto another record", () => {
    const envelope = encryptSecret("hunter2-password", "cred1", secret);
    expect(() => decryptSecret(envelope, "cred2", secret)).toThrow();
  });

  it("refuses the wrong operator secret", () => {
    const envelope = encryptSecret("hunter2-password", "cred1", secret);
    expect(() => decryptSecret(envelope, "cred1", `${secret}-other`)).toThrow();
  });

  it("rejects malformed envelopes with a clear error", () => {
    expect(() => decryptSecret("not-an-envelope", "cred1", secret)).toThrow(/not a recognised envelope/);
  });
});
