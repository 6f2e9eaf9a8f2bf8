import { z } from "zod";
import { importHosts } from "@/lib/domain/hosts/import-hosts";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/route";
import { ZExposure } from "@/lib/validation/schemas";
import { ZId } from "@/lib/validation/text";

const ZImport = z.object({
  text: z.string({ error: "text must be the pasted host list" }).max(1_000_000, "text must be at most 1,000,000 characters"),
  exposure: ZExposure.default("INTERNAL"),
  credentialId: ZId.nullable().default(null),
});

export const POST = route(ZImport, async ({ actor, body, params }) => {
  const result = await importHosts({ actor, engagementId: params.id ?? "", ...body });
  if (!result.ok) throw new AppError("VALIDATION", "Some lines are invalid: nothing was saved", Object.fromEntries(result.errors.map((e) => [`line ${e.line}`, [e.message]])));
  return result;
}, { status: 201 });
