import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { sessionSecret } from "@/lib/server/auth/session-secret";

// Convenience only: sends signed-out visitors to the login page. It is NOT
// authorization; every page, action and route handler checks the actor itself
// through lib/domain (CVE-2025-29927 bypassed middleware-only auth).
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: sessionSecret() });
  if (token?.sub) return NextResponse.next();
  const login = new URL("/login", request.url);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
