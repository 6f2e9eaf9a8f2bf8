import { writeAudit } from "@/lib/server/audit-log";
import type { TReportDraftInput } from "@/lib/validation/report-schemas";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { inTransaction } from "../transaction";

// A consultant starts a new report version of an engagement: the next version
// number, a title, a classification marking and an optional summary in their
// own words. Nothing is rendered until someone previews or publishes it.
export async function draftReport({ actor, engagementId, input }: { actor: TActor; engagementId: string; input: TReportDraftInput }) {
  return inTransaction(async (tx) => {
    await loadEngagement(tx, actor, engagementId, "report.draft");
    const last = await tx.reportVersion.findFirst({ where: { engagementId }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const report = await tx.reportVersion.create({
      data: { engagementId, version, title: input.title, classification: input.classification, summary: input.summary, draftedById: actor.id },
    });
    await writeAudit(tx, { actorId: actor.id, action: "report.draft", target: `report:${report.id}`, details: { engagementId, version, title: input.title, classification: input.classification } });
    return report;
  }, "Another version of this report was drafted at the same moment: please try again");
}
