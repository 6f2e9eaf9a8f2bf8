import { previewReport } from "@/lib/domain/reports/preview-report";
import { fileRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// GET /api/reports/:id/preview: a draft rendered now, shown in the browser; not stored.
export const GET = fileRoute(async ({ actor, params }) => {
  const { pdf, filename } = await previewReport({ actor, reportId: params.id ?? "" });
  return { body: pdf, contentType: "application/pdf", filename, inline: true };
});
