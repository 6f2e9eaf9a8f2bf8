import { writeAudit } from "@/lib/server/audit-log";
import { db } from "@/lib/server/db";
import { fileSafeName } from "@/lib/server/file-name";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

export type TExportFormat = "json" | "csv" | "defectdojo";

// Every export starts here: the engagement if the actor may export it
// (another tenant's id is NOT_FOUND), with its client.
export async function openExport(actor: TActor, engagementId: string) {
  const engagement = await loadEngagement(db(), actor, engagementId, "export.read");
  const client = await db().client.findUniqueOrThrow({ where: { id: engagement.clientId }, select: { id: true, name: true, contact: true } });
  return { engagement, client };
}

// ...and ends here: who took what out of Palisade goes in the audit log.
// Reading happens outside a transaction (a large engagement would outlast
// one); the audit row is written once the export is complete.
export async function recordExport(actor: TActor, engagementId: string, format: TExportFormat, details: Record<string, unknown>) {
  await inTransaction((tx) => writeAudit(tx, { actorId: actor.id, action: `export.${format}`, target: `engagement:${engagementId}`, details: { email: actor.email, role: actor.role, ...details } }));
}

export const exportFilename = (engagementName: string, suffix: string) => `${fileSafeName(engagementName, "engagement")}-${suffix}`;
