"use server";

import { z } from "zod";
import { deleteReportDraft } from "@/lib/domain/reports/delete-report-draft";
import { draftReport } from "@/lib/domain/reports/draft-report";
import { publishReport } from "@/lib/domain/reports/publish-report";
import { updateReportDraft } from "@/lib/domain/reports/update-report-draft";
import { formActionFor } from "@/lib/server/action";
import { ZReportDraftInput } from "@/lib/validation/report-schemas";

const ZNothing = z.object({});

// Bound to the engagement id.
export const draftReportAction = formActionFor(ZReportDraftInput, async ({ actor, data, id }) => {
  const report = await draftReport({ actor, engagementId: id, input: data });
  return { ok: true, message: `Drafted version ${report.version}.` };
});

// The rest are bound to the report version id.
export const updateReportDraftAction = formActionFor(ZReportDraftInput, async ({ actor, data, id }) => {
  const report = await updateReportDraft({ actor, reportId: id, input: data });
  return { ok: true, message: `Saved version ${report.version}.` };
});

// Both make the row's own form go away, so the outcome is said by the page
// it redirects to rather than beside a button that no longer exists.
export const deleteReportDraftAction = formActionFor(ZNothing, async ({ actor, id }) => {
  const { engagementId, version } = await deleteReportDraft({ actor, reportId: id });
  return `/engagements/${engagementId}/reports?deleted=${version}`;
});

export const publishReportAction = formActionFor(ZNothing, async ({ actor, id }) => {
  const { engagementId, version } = await publishReport({ actor, reportId: id });
  return `/engagements/${engagementId}/reports?published=${version}`;
});
