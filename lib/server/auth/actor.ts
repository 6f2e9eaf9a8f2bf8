import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db";
import type { TActor } from "@/lib/domain/actor";
import { authOptions } from "./options";

export type { TActor } from "@/lib/domain/actor";

// Re-read on every request: a disabled user or a changed role takes effect at once.
export const getActor = cache(async (): Promise<TActor | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabled: true } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

export async function requireActor(): Promise<TActor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
