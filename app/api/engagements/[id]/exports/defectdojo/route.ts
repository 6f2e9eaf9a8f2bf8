import { exportDefectDojo } from "@/lib/domain/exports/export-defectdojo";
import { fileRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// GET /api/engagements/:id/exports/defectdojo: DefectDojo "Generic Findings
// Import" JSON (scan type "Generic Findings Import" in DefectDojo).
export const GET = fileRoute(async ({ actor, params }) => {
  const { document, filename } = await exportDefectDojo({ actor, engagementId: params.id ?? "" });
  return { body: `${JSON.stringify(document, null, 2)}\n`, contentType: "application/json; charset=utf-8", filename };
});
