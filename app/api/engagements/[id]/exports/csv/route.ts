import { exportFindingsCsv } from "@/lib/domain/exports/export-findings-csv";
import { fileRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// GET /api/engagements/:id/exports/csv: one row per finding (RFC 4180).
export const GET = fileRoute(async ({ actor, params }) => {
  const { csv, filename } = await exportFindingsCsv({ actor, engagementId: params.id ?? "" });
  return { body: csv, contentType: "text/csv; charset=utf-8; header=present", filename };
});
