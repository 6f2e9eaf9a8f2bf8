import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { loadHost } from "../scope";

export async function getHost({ actor, hostId }: { actor: TActor; hostId: string }) {
  return loadHost(db(), actor, hostId, "host.read");
}
