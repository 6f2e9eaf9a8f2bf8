import { env } from "@/lib/server/env";

// Links in notifications point at the app as browsers reach it.
export function appUrl(path: string): string {
  return new URL(path, env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).toString();
}
