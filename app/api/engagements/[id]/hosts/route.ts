import { addHost } from "@/lib/domain/hosts/add-host";
import { route } from "@/lib/server/route";
import { ZHostInput } from "@/lib/validation/schemas";

export const POST = route(ZHostInput, ({ actor, body, params }) => addHost({ actor, engagementId: params.id ?? "", input: body }), { status: 201 });
