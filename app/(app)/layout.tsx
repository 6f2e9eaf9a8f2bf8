import Link from "next/link";
import { requireActor } from "@/lib/server/auth/actor";
import { landingPath } from "@/lib/server/auth/landing";
import { can } from "@/lib/server/permissions";
import { SignOutButton } from "@/components/sign-out-button";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const links = [
    // A client's whole Palisade is their published reports.
    { href: "/portal", label: "Reports", show: actor.role === "CLIENT" },
    { href: "/engagements", label: "Engagements", show: actor.role !== "CLIENT" },
    { href: "/clients", label: "Clients", show: can(actor.role, "client.read") },
    { href: "/admin/users", label: "Users", show: can(actor.role, "user.manage") },
  ].filter((l) => l.show);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <Link href={landingPath(actor.role)} className="font-semibold tracking-tight">Palisade</Link>
          <nav className="flex gap-4 text-sm" aria-label="Main">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="text-slate-700 hover:text-sky-700">{l.label}</Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600" data-testid="current-user">
              {actor.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{actor.role.toLowerCase()}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
