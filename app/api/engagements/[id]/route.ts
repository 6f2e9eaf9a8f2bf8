import { getEngagement } from "@/lib/domain/engagements/get-engagement";
import { route } from "@/lib/server/route";

export const GET = route(null, ({ actor, params }) => getEngagement({ actor, engagementId: params.id ?? "" }));
