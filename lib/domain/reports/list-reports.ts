import { db } from "@/lib/server/db";
import { assertCan, can } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";
import { reportScope } from "./load-report-version";

const columns = {
  id: true,
  engagementId: true,
  version: true,
  status: true,
  title: true,
  classification: true,
  summary: true,
  createdAt: true,
  publishedAt: true,
  sha256: true,
  sizeBytes: true,
  pageCount: true,
  draftedById: true,
  draftedBy: { select: { id: true, name: true } },
  publishedBy: { select: { id: true, name: true } },
  engagement: { select: { id: true, name: true, client: { select: { name: true } } } },
} as const;

// Report versions, newest first: of one engagement, or (for the client
// portal) of every engagement the actor is a member of. Clients see
// published versions only; everyone else sees drafts too.
export async function listReports({ actor, engagementId }: { actor: TActor; engagementId?: string }) {
  if (engagementId !== undefined) await loadEngagement(db(), actor, engagementId, "report.download");
  else assertCan(actor, "report.download");
  return db().reportVersion.findMany({
    where: { ...reportScope(actor), ...(engagementId !== undefined ? { engagementId } : {}) },
    orderBy: [{ engagement: { name: "asc" } }, { version: "desc" }],
    select: columns,
  });
}

export type TReportRow = Awaited<ReturnType<typeof listReports>>[number];

// Whether the actor sees drafts at all (and so the workflow controls).
export const seesDrafts = (actor: TActor) => can(actor.role, "report.read");
