import { listFindings } from "@/lib/domain/findings/list-findings";
import { fieldErrorsOf } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/route";
import { encodeCursor, listArgs, searchParamsObject, ZFindingQuery } from "@/components/findings/query";

export const dynamic = "force-dynamic";

// GET /api/engagements/:id/findings?severity=CRITICAL&status=NEW&q=redis&sort=recent&cursor=...
// One page (50) of the engagement's findings with the page's filters; `next`
// is the cursor of the following page, or null on the last one.
export const GET = (request: Request, context: { params: Promise<Record<string, string>> }) =>
  route(null, async ({ actor, params }) => {
    const parsed = ZFindingQuery.safeParse(searchParamsObject(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("VALIDATION", "Invalid query: nothing was listed", fieldErrorsOf(parsed.error));
    const { findings, next } = await listFindings({ actor, engagementId: params.id ?? "", ...listArgs(parsed.data) });
    return { findings, next: next ? encodeCursor(next) : null };
  })(request, context);
