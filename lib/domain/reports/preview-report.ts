import { buildReportModel } from "@/lib/report/build-report-model";
import { writeAudit } from "@/lib/server/audit-log";
import { AppError } from "@/lib/server/errors";
import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadReportVersion } from "./load-report-version";
import { renderPdfInChild } from "./render-pdf-in-child";
import { reportFilename } from "./report-file";
import { reportInputOf } from "./report-input";

// Renders a draft as it would look if published now, for the drafter and the
// reviewer to read before publishing. Nothing is stored but the audit row.
export async function previewReport({ actor, reportId }: { actor: TActor; reportId: string }) {
  const report = await loadReportVersion(db(), actor, reportId, "report.read");
  if (report.status !== "DRAFT") throw new AppError("CONFLICT", `Version ${report.version} is published: download the published PDF instead`);
  const model = await buildReportModel(db(), await reportInputOf(db(), report));
  const { pdf, pageCount } = await renderPdfInChild(model);
  await inTransaction((tx) => writeAudit(tx, { actorId: actor.id, action: "report.preview", target: `report:${reportId}`, details: { engagementId: report.engagementId, version: report.version, pageCount } }));
  return { pdf, pageCount, filename: reportFilename(report.engagement.name, report.version, { draft: true }) };
}
