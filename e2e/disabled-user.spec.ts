import { expect, test } from "@playwright/test";
import { makeUser } from "@/lib/testing/factories";
import { signIn, waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

test("a user an admin disables is signed out on their next request", async ({ browser, page }) => {
  const { users, engagements } = e2eState();
  const d = testDb();
  const victim = await makeUser(d, { role: "CONSULTANT", name: "Dana Departing" });
  await d.engagementMember.create({ data: { engagementId: engagements.a.id, userId: victim.user.id } });

  // Their session, in a browser of their own.
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, { email: victim.user.email, password: victim.password });
  await theirPage.getByRole("link", { name: engagements.a.name }).click();
  await expect(theirPage.getByRole("heading", { level: 1, name: engagements.a.name })).toBeVisible();

  // The admin disables them in the UI.
  await signIn(page, users.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  const row = page.getByRole("row").filter({ hasText: victim.user.email });
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
  expect((await d.user.findUniqueOrThrow({ where: { id: victim.user.id } })).disabled).toBe(true);

  // Their next request, still carrying a validly signed session cookie.
  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/login$/);
  await expect(theirPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  await theirPage.goto(`/engagements/${engagements.a.id}`);
  await expect(theirPage).toHaveURL(/\/login$/);
  expect((await theirPage.request.get("/api/engagements")).status()).toBe(401);
  expect((await theirPage.request.post(`/api/engagements/${engagements.a.id}/hosts`, { data: { address: "10.77.0.1" } })).status()).toBe(401);

  // And they cannot sign back in.
  await waitForHydration(theirPage);
  await theirPage.getByLabel("Email").fill(victim.user.email);
  await theirPage.getByLabel("Password").fill(victim.password);
  await theirPage.getByRole("button", { name: "Sign in" }).click();
  await expect(theirPage.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password");
  await expect(theirPage).toHaveURL(/\/login$/);
  expect(await d.host.count({ where: { address: "10.77.0.1" } })).toBe(0);
  await theirs.close();
});
