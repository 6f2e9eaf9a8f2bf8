import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// The engagement's own row (name, state), for a page about one part of it that
// needs none of the hosts, members and credentials getEngagement loads.
export async function getEngagementSummary({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  return loadEngagement(db(), actor, engagementId, "engagement.read");
}
