import type { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan, can, type TPermission } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";

// The report versions an actor may know exist: those of engagements they can
// see, and for people who may not read drafts (clients) published ones only.
// Anything else is NOT_FOUND, exactly like an id that does not exist.
export function reportScope(actor: TActor): Prisma.ReportVersionWhereInput {
  return { engagement: engagementScope(actor), ...(can(actor.role, "report.read") ? {} : { status: "PUBLISHED" }) };
}

export async function loadReportVersion(tx: TTx, actor: TActor, reportId: string, permission: TPermission) {
  const report = await tx.reportVersion.findFirst({ where: { id: reportId, ...reportScope(actor) }, include: { engagement: { select: { id: true, name: true } } } });
  if (!report) throw notFound("Report not found");
  assertCan(actor, permission);
  return report;
}
