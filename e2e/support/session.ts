import type { BrowserContext } from "@playwright/test";
import { signIn } from "./auth";

type TCookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
const sessions = new Map<string, TCookies>();

// Signs in through the login page once per account and worker, then hands the
// session cookie to each test's own context (which keeps traces and
// screenshots per test) instead of signing in again for every table row.
export async function useSession(context: BrowserContext, account: { email: string; password: string }) {
  let cookies = sessions.get(account.email);
  if (!cookies) {
    const page = await context.newPage();
    await signIn(page, account);
    cookies = await context.cookies();
    sessions.set(account.email, cookies);
    await page.close();
    return;
  }
  await context.addCookies(cookies);
}
