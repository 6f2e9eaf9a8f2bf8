import { linkLocalRefusal } from "./refuse-link-local";
import { signBody } from "./sign";

export type TSendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

// One signed POST. The body is serialised once and those exact bytes are both
// signed and sent. Redirects are not followed: a receiver that moved must be
// re-registered, rather than Palisade posting (and signing) to wherever it is sent.
export async function sendWebhook({ url, body, secret, event, deliveryId, timeoutMs, now = new Date() }: { url: string; body: unknown; secret: string; event: string; deliveryId: string; timeoutMs: number; now?: Date }): Promise<TSendResult> {
  const text = JSON.stringify(body);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Palisade-Webhook/1",
    "x-palisade-event": event,
    "x-palisade-delivery": deliveryId,
    "x-palisade-timestamp": String(Math.floor(now.getTime() / 1000)),
    "x-palisade-signature": signBody(text, secret),
  };
  const refusal = await linkLocalRefusal(url);
  if (refusal) return { ok: false, status: null, error: refusal };
  try {
    const response = await fetch(url, { method: "POST", headers, body: text, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    // The receiver's answer is not kept: only its status matters.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `The receiver answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFetchError(error, timeoutMs) };
  }
}

// fetch says only "fetch failed"; the reason (refused, DNS, TLS) is in its cause.
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `No answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Could not deliver: ${message}`.slice(0, 500);
}
