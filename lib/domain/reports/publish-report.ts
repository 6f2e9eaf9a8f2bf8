import type { Prisma } from "@/lib/generated/prisma/client";
import { buildReportModel } from "@/lib/report/build-report-model";
import { writeAudit } from "@/lib/server/audit-log";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadReportVersion } from "./load-report-version";
import { renderPdfInChild } from "./render-pdf-in-child";
import { sha256Hex } from "./report-file";
import { reportInputOf } from "./report-input";

function assertPublishable(report: { status: string; version: number; draftedById: string }, actor: TActor) {
  if (report.status !== "DRAFT") throw new AppError("CONFLICT", `Version ${report.version} is already published. Nothing was changed.`);
  if (report.draftedById === actor.id) throw new AppError("FORBIDDEN", `You drafted version ${report.version}: a different reviewer must publish it. Nothing was changed.`);
}

// A reviewer who did not draft the version publishes it: the report model is
// frozen with their name and the time, rendered to PDF once, and stored with
// its sha256. From then on the row is immutable (a database trigger refuses
// any change), and downloads serve exactly these bytes.
//
// Rendering takes seconds, so it happens outside the transaction; the write
// then succeeds only if the draft is still the one that was rendered.
export async function publishReport({ actor, reportId }: { actor: TActor; reportId: string }) {
  const draft = await loadReportVersion(db(), actor, reportId, "report.publish");
  assertPublishable(draft, actor);

  const publishedAt = new Date();
  const model = await buildReportModel(db(), await reportInputOf(db(), draft, { by: { name: actor.name, email: actor.email }, at: publishedAt }));
  const { pdf, pageCount } = await renderPdfInChild(model);
  const sha256 = sha256Hex(pdf);

  return inTransaction(async (tx) => {
    const current = await loadReportVersion(tx, actor, reportId, "report.publish");
    assertPublishable(current, actor);
    const written = await tx.reportVersion.updateMany({
      where: { id: reportId, status: "DRAFT", updatedAt: draft.updatedAt },
      data: { status: "PUBLISHED", publishedById: actor.id, publishedAt, model: model as unknown as Prisma.InputJsonValue, pdf: new Uint8Array(pdf), sha256, sizeBytes: pdf.length, pageCount },
    });
    if (written.count !== 1) throw new AppError("CONFLICT", `Version ${draft.version} was edited while it was being rendered. Nothing was published; please check it and publish again.`);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "report.publish",
      target: `report:${reportId}`,
      details: { engagementId: draft.engagementId, version: draft.version, sha256, sizeBytes: pdf.length, pageCount, draftedById: draft.draftedById },
    });
    return { id: reportId, engagementId: draft.engagementId, version: draft.version, sha256, sizeBytes: pdf.length, pageCount, publishedAt };
  });
}
