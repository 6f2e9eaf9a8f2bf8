import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { env, oidcEnabled } from "@/lib/server/env";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { checkLoginThrottle, clearLoginFailures, clientIp, recordLoginFailure } from "./throttle";
import { sessionSecret } from "./session-secret";

const ZLogin = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export const INVALID_LOGIN = "Invalid email or password";

async function authorizeCredentials(raw: unknown, headers: Record<string, string> | undefined) {
  const parsed = ZLogin.safeParse(raw);
  if (!parsed.success) throw new Error(INVALID_LOGIN);
  const { email, password } = parsed.data;
  const ip = clientIp(headers);

  const throttle = await checkLoginThrottle(email, ip);
  if (!throttle.allowed) {
    throw new Error(`Too many failed attempts. Try again in ${throttle.retryAfterMinutes} minutes.`);
  }

  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    await recordLoginFailure(email, ip, user?.id ?? null);
    throw new Error(INVALID_LOGIN);
  }
  await clearLoginFailures(email);
  return { id: user.id, email: user.email, name: user.name };
}

function oidcProvider(): NextAuthOptions["providers"] {
  if (!oidcEnabled) return [];
  return [
    {
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? p.sub }),
    },
  ];
}

export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers as Record<string, string> | undefined),
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      // OIDC only signs in people an admin already created; no self-provisioning.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = profile?.email?.toLowerCase();
        if (!email) return false;
        const user = await db().user.findUnique({ where: { email } });
        if (!user || user.disabled) return false;
        if (user.oidcSubject && user.oidcSubject !== account.providerAccountId) return false;
        if (!user.oidcSubject) await db().user.update({ where: { id: user.id }, data: { oidcSubject: account.providerAccountId } });
        return true;
      },
      async jwt({ token, account }) {
        if (account?.provider === "oidc") {
          const user = await db().user.findUnique({ where: { oidcSubject: account.providerAccountId } });
          token.sub = user?.id;
        }
        return token;
      },
      // Only the id travels; role and status are re-read from the database on every request.
      session({ session, token }) {
        return { expires: session.expires, user: { id: token.sub } } as typeof session;
      },
    },
  };
}
