import { parseHostList, type THostLineError } from "@/lib/hosts/parse-host-list";
import { writeAudit } from "@/lib/server/audit-log";
import type { TExposure } from "@/lib/validation/schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";
import { assertCredentialInEngagement } from "./assert-credential-in-engagement";

export type TImportHostsResult = { ok: true; created: number } | { ok: false; errors: THostLineError[] };

// All or nothing: one bad line (or one host already in the engagement) and nothing is saved.
export async function importHosts({ actor, engagementId, text, exposure, credentialId }: {
  actor: TActor;
  engagementId: string;
  text: string;
  exposure: TExposure;
  credentialId: string | null;
}): Promise<TImportHostsResult> {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "host.write");
    await assertCredentialInEngagement(tx, engagementId, credentialId);
    const { hosts, errors } = parseHostList(text);
    if (errors.length) return { ok: false, errors };

    const existing = await tx.host.findMany({
      where: { engagementId, OR: hosts.map((h) => ({ address: h.address, port: h.port, username: h.username })) },
      select: { address: true, port: true, username: true },
    });
    const taken = new Set(existing.map((h) => `${h.username}@${h.address}:${h.port}`));
    const clashes = hosts
      .filter((h) => taken.has(`${h.username}@${h.address}:${h.port}`))
      .map((h) => ({ line: h.line, text: `${h.username}@${h.address}:${h.port}`, message: "already in this engagement" }));
    if (clashes.length) return { ok: false, errors: clashes };

    await tx.host.createMany({
      data: hosts.map((h) => ({ engagementId, label: h.label, address: h.address, port: h.port, username: h.username, exposure, credentialId })),
    });
    await writeAudit(tx, { actorId: actor.id, action: "host.import", target: `engagement:${engagementId}`, details: { count: hosts.length, exposure } });
    return { ok: true, created: hosts.length };
  });
}
