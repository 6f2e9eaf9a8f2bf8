import type dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { literalRefusal, lookupRefusingLinkLocal } from "./refuse-link-local";
import { signBody } from "./sign";

export type TSendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

class TimeoutError extends Error {}

// One signed POST. The body is serialised once and those exact bytes are both
// signed and sent. Redirects are not followed: a receiver that moved must be
// re-registered, rather than Palisade posting (and signing) to wherever it is sent.
// `resolve` is for tests: a resolver that rebinds cannot be set up here for real.
export async function sendWebhook({ url, body, secret, event, deliveryId, timeoutMs, now = new Date(), resolve }: { url: string; body: unknown; secret: string; event: string; deliveryId: string; timeoutMs: number; now?: Date; resolve?: typeof dns.lookup }): Promise<TSendResult> {
  const text = JSON.stringify(body);
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "user-agent": "Palisade-Webhook/1",
    "x-palisade-event": event,
    "x-palisade-delivery": deliveryId,
    "x-palisade-timestamp": String(Math.floor(now.getTime() / 1000)),
    "x-palisade-signature": signBody(text, secret),
  };
  const refused = literalRefusal(url);
  if (refused) return { ok: false, status: null, error: refused };
  try {
    const { status, statusText } = await post(new URL(url), headers, text, { timeoutMs, lookup: lookupRefusingLinkLocal(resolve) });
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, status, error: `The receiver answered HTTP ${status}${statusText ? ` ${statusText}` : ""}` };
  } catch (error) {
    if (error instanceof TimeoutError) return { ok: false, status: null, error: `No answer within ${timeoutMs / 1000} s` };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: (message.startsWith("Refused:") ? message : `Could not deliver: ${message}`).slice(0, 500) };
  }
}

// The receiver's answer is not kept: only its status matters, so the response
// is dropped as soon as its status line is in.
function post(url: URL, headers: Record<string, string>, text: string, opts: { timeoutMs: number; lookup: ReturnType<typeof lookupRefusingLinkLocal> }) {
  return new Promise<{ status: number; statusText: string }>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(url, { method: "POST", headers, lookup: opts.lookup, agent: false }, (response) => {
      resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "" });
      response.destroy();
    });
    const timer = setTimeout(() => request.destroy(new TimeoutError()), opts.timeoutMs);
    request.on("error", reject);
    request.on("close", () => clearTimeout(timer));
    request.end(text);
  });
}
