import { db, type TDb } from "@/lib/server/db";
import { assertLocalDatabase } from "@/lib/testing/assert-local-database";
import { e2eState } from "./state";

// The specs look into the e2e database to prove what a screen cannot show:
// that a refused request changed nothing.
export function testDb(): TDb {
  const url = e2eState().databaseUrl;
  assertLocalDatabase(url);
  process.env.DATABASE_URL = url;
  return db();
}

/** Row counts of every table a form or route of these specs can write to. */
export async function rowCounts() {
  const d = testDb();
  const [users, clients, engagements, members, hosts, credentials] = await Promise.all([
    d.user.count(),
    d.client.count(),
    d.engagement.count(),
    d.engagementMember.count(),
    d.host.count(),
    d.credential.count(),
  ]);
  return { users, clients, engagements, members, hosts, credentials };
}

/** Everything about an engagement a write could touch, for before/after comparisons. */
export async function engagementSnapshot(engagementId: string) {
  const d = testDb();
  return d.engagement.findUniqueOrThrow({
    where: { id: engagementId },
    include: {
      members: { orderBy: { userId: "asc" } },
      hosts: { orderBy: { id: "asc" } },
      credentials: { orderBy: { id: "asc" }, omit: { secret: false } },
    },
  });
}
