import { expect, type Page } from "@playwright/test";

/**
 * Resolves once React has hydrated the page's forms. Before that a click on
 * submit is not handled yet and a tampered attribute is undone by hydration.
 * React marks hydrated DOM nodes with "__reactFiber$..." keys.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("form")];
    return forms.length > 0 && forms.every((form) => Object.keys(form).some((key) => key.startsWith("__reactFiber")));
  });
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Clients land on their reports, everyone else on their engagements (lib/server/auth/landing.ts).
  await expect(page).toHaveURL(/\/(engagements|portal)$/);
}
