import type { TTx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

// A host may only use a credential stored in its own engagement.
export async function assertCredentialInEngagement(tx: TTx, engagementId: string, credentialId: string | null) {
  if (!credentialId) return;
  const found = await tx.credential.findFirst({ where: { id: credentialId, engagementId }, select: { id: true } });
  if (!found) throw notFound("Credential not found");
}
