import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth/actor";
import { landingPath } from "@/lib/server/auth/landing";

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? landingPath(actor.role) : "/login");
}
