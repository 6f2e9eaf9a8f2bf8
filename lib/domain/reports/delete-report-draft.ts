import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadReportVersion } from "./load-report-version";

// Throws a draft away. Published versions stay for good.
export async function deleteReportDraft({ actor, reportId }: { actor: TActor; reportId: string }) {
  return inTransaction(async (tx) => {
    const report = await loadReportVersion(tx, actor, reportId, "report.draft");
    if (report.status !== "DRAFT") throw new AppError("CONFLICT", `Version ${report.version} is published and cannot be deleted. Nothing was changed.`);
    await tx.reportVersion.delete({ where: { id: reportId } });
    await writeAudit(tx, { actorId: actor.id, action: "report.delete", target: `report:${reportId}`, details: { engagementId: report.engagementId, version: report.version, title: report.title } });
    return { engagementId: report.engagementId, version: report.version };
  });
}
