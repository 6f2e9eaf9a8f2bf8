import { decryptSecret, encryptSecret } from "@/lib/server/crypto";
import { redactUrl } from "./redact-url";

// A webhook URL is stored encrypted, bound to its row (and apart from the
// signing secret's envelope, so the two cannot be swapped), with a redacted
// copy for display.
const urlBinding = (webhookId: string) => `${webhookId}:url`;

export function storedWebhookUrl(webhookId: string, url: string) {
  return { url: encryptSecret(url, urlBinding(webhookId)), urlShown: redactUrl(url) };
}

export function readWebhookUrl(webhook: { id: string; url: string }): string {
  return decryptSecret(webhook.url, urlBinding(webhook.id));
}
