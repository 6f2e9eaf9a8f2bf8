import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth/actor";
import { landingPath } from "@/lib/server/auth/landing";
import { env, oidcEnabled } from "@/lib/server/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(landingPath(actor.role));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Palisade</h1>
        <p className="mt-1 text-sm text-slate-600">Sign in to your engagements.</p>
        <LoginForm oidcName={oidcEnabled ? env.OIDC_NAME : null} />
      </div>
    </main>
  );
}
