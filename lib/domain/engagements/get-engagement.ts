import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { loadEngagement } from "../scope";

// What the engagement page shows; each part only when the actor's role may see it.
export async function getEngagement({ actor, engagementId, includeArchivedHosts = false }: { actor: TActor; engagementId: string; includeArchivedHosts?: boolean }) {
  const engagement = await loadEngagement(db(), actor, engagementId, "engagement.read");
  const [client, members, hosts, credentials] = await Promise.all([
    db().client.findUniqueOrThrow({ where: { id: engagement.clientId }, select: { id: true, name: true } }),
    db().engagementMember.findMany({
      where: { engagementId },
      orderBy: { addedAt: "asc" },
      select: { addedAt: true, user: { select: { id: true, name: true, email: true, role: true, disabled: true } } },
    }),
    can(actor.role, "host.read")
      ? db().host.findMany({
          where: { engagementId, ...(includeArchivedHosts ? {} : { archivedAt: null }) },
          orderBy: [{ label: "asc" }, { address: "asc" }],
          include: { credential: { select: { id: true, label: true } } },
        })
      : Promise.resolve([]),
    can(actor.role, "credential.read")
      ? db().credential.findMany({ where: { engagementId }, orderBy: { label: "asc" }, include: { _count: { select: { hosts: true } } } })
      : Promise.resolve([]),
  ]);
  return { engagement, client, members, hosts, credentials };
}
