import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import type { TReportDraftInput } from "@/lib/validation/report-schemas";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadReportVersion } from "./load-report-version";

// Edits a draft's title, marking or summary. A published version is what the
// client received and never changes (the database refuses it too).
export async function updateReportDraft({ actor, reportId, input }: { actor: TActor; reportId: string; input: TReportDraftInput }) {
  return inTransaction(async (tx) => {
    const before = await loadReportVersion(tx, actor, reportId, "report.draft");
    if (before.status !== "DRAFT") throw new AppError("CONFLICT", `Version ${before.version} is published and cannot be changed; draft a new version instead. Nothing was changed.`);
    const report = await tx.reportVersion.update({ where: { id: reportId }, data: { title: input.title, classification: input.classification, summary: input.summary } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "report.update",
      target: `report:${reportId}`,
      details: { engagementId: before.engagementId, version: before.version, before: { title: before.title, classification: before.classification }, after: { title: input.title, classification: input.classification } },
    });
    return report;
  });
}
