import { getRun } from "@/lib/domain/runs/get-run";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(null, ({ actor, params }) => getRun({ actor, runId: params.id ?? "" }));
