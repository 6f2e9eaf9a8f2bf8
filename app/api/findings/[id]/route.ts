import { getFinding } from "@/lib/domain/findings/get-finding";
import { notFound } from "@/lib/server/errors";
import { route } from "@/lib/server/route";
import { ZId } from "@/lib/validation/text";
import { toJson } from "@/components/findings/types";

export const dynamic = "force-dynamic";

// GET /api/findings/:id: what the detail drawer shows (why, raw evidence,
// reproduce command, history, the moves a person may make from here).
export const GET = route(null, async ({ actor, params }) => {
  if (!ZId.safeParse(params.id).success) throw notFound("Finding not found");
  return toJson(await getFinding({ actor, findingId: params.id! }));
});
