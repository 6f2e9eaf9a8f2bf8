import { exportEngagementJson } from "@/lib/domain/exports/export-engagement-json";
import { fileRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// GET /api/engagements/:id/exports/json: the whole engagement, shaped by
// lib/domain/exports/engagement-export.schema.json.
export const GET = fileRoute(async ({ actor, params }) => {
  const { document, filename } = await exportEngagementJson({ actor, engagementId: params.id ?? "" });
  return { body: `${JSON.stringify(document, null, 2)}\n`, contentType: "application/json; charset=utf-8", filename };
});
