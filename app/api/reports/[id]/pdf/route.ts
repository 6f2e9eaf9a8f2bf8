import { downloadReport } from "@/lib/domain/reports/download-report";
import { fileRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// GET /api/reports/:id/pdf: the published PDF, exactly as published (its
// sha256 is checked first), as an attachment. Drafts, other tenants' reports
// and missing ids all answer 404.
export const GET = fileRoute(async ({ actor, params }) => {
  const { pdf, filename } = await downloadReport({ actor, reportId: params.id ?? "" });
  return { body: pdf, contentType: "application/pdf", filename };
});
