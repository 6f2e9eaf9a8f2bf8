import { deriveKey, requireSecret } from "@/lib/server/secret-keys";

// next-auth signs/encrypts its JWT with this; derived from PALISADE_SECRET
// unless NEXTAUTH_SECRET is given explicitly.
export function sessionSecret(): string {
  return process.env.NEXTAUTH_SECRET ?? deriveKey(requireSecret(), "session-signing-v1").toString("base64");
}
