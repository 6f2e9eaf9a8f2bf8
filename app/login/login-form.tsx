"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function LoginForm({ oidcName }: { oidcName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // What the form resets to after an attempt (React resets a form after its action runs).
  const [lastEmail, setLastEmail] = useState("");

  async function submit(formData: FormData) {
    setLastEmail(String(formData.get("email") ?? ""));
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid email or password");
      return;
    }
    router.replace("/"); // each role lands on its own page (app/page.tsx)
    router.refresh();
  }

  return (
    <div className="mt-6 space-y-4">
      {/* A form action, not onSubmit: a submit before hydration then goes
          nowhere, where a plain form would GET /login?password=... */}
      <form action={submit} className="space-y-4">
        {error && (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </div>
        )}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required defaultValue={lastEmail} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <button type="submit" disabled={pending} className="w-full rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName && (
        <button type="button" onClick={() => signIn("oidc", { callbackUrl: "/" })} className="w-full rounded-md border border-slate-300 px-4 py-2 text-sm">
          Sign in with {oidcName}
        </button>
      )}
    </div>
  );
}
