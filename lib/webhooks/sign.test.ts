import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signBody } from "./sign";

describe("signBody", () => {
  it("matches an HMAC-SHA256 computed independently (RFC 4231 test case 2)", () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    expect(signBody("what do ya want for nothing?", "Jefe")).toBe("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("signs the exact bytes: any change to the body changes the signature", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ event: "run.alert", title: "Redis on 0.0.0.0:6379 — ünïcode" });
    const expected = `sha256=${createHmac("sha256", secret).update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(signBody(body, secret)).toBe(expected);
    expect(signBody(`${body} `, secret)).not.toBe(expected);
    expect(signBody(body, `${secret}x`)).not.toBe(expected);
  });
});

it("generateWebhookSecret gives 32 fresh random bytes each time", () => {
  const a = generateWebhookSecret();
  expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  expect(generateWebhookSecret()).not.toBe(a);
});
