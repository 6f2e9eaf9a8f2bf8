import { listEngagements } from "@/lib/domain/engagements/list-engagements";
import { route } from "@/lib/server/route";

export const GET = route(null, ({ actor }) => listEngagements({ actor }));
