import type { TTx } from "@/lib/server/db";
import type { TReportInput, TReportPerson } from "@/lib/report/report-model";

// The fields of a report version that buildReportModel renders, with the
// drafter named as the cover and sign-off page show them.
export async function reportInputOf(
  tx: TTx,
  report: { engagementId: string; version: number; title: string; classification: string; summary: string; draftedById: string },
  published?: { by: TReportPerson; at: Date },
): Promise<TReportInput> {
  const drafter = await tx.user.findUniqueOrThrow({ where: { id: report.draftedById }, select: { name: true, email: true } });
  return {
    engagementId: report.engagementId,
    version: report.version,
    title: report.title,
    classification: report.classification,
    summary: report.summary,
    draftedBy: drafter,
    publishedBy: published?.by ?? null,
    publishedAt: published?.at ?? null,
  };
}
