import { createHmac, randomBytes } from "node:crypto";

// X-Palisade-Signature: "sha256=" + hex HMAC-SHA256 of the exact request
// body, keyed with the webhook's secret. Receivers recompute it over the raw
// bytes they received (not a re-serialised parse) and compare in constant time.
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

// 32 random bytes; the prefix tells a leaked string for what it is.
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
