import { env } from "@/lib/server/env";
import { db } from "@/lib/server/db";

export type TThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

// Counts failed logins in a sliding window, per account and per client IP.
export async function checkLoginThrottle(email: string, ip: string): Promise<TThrottleVerdict> {
  const since = new Date(Date.now() - env.LOGIN_WINDOW_MINUTES * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db().loginAttempt.count({ where: { email, at: { gte: since } } }),
    db().loginAttempt.count({ where: { ip, at: { gte: since } } }),
  ]);
  if (byAccount >= env.LOGIN_MAX_FAILURES_PER_ACCOUNT || byIp >= env.LOGIN_MAX_FAILURES_PER_IP) {
    return { allowed: false, retryAfterMinutes: env.LOGIN_WINDOW_MINUTES };
  }
  return { allowed: true };
}

export async function recordLoginFailure(email: string, ip: string, userId: string | null): Promise<void> {
  await db().loginAttempt.create({ data: { email, ip, userId } });
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { email } });
}

// Next's server appends the socket address to x-forwarded-for; the last entry
// is the one a client cannot forge.
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? "unknown";
}
