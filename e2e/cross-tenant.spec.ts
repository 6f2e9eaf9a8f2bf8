import { expect, test, type Page } from "@playwright/test";
import { signIn, waitForHydration } from "./support/auth";
import { engagementSnapshot, testDb } from "./support/db";
import { e2eState } from "./support/state";

// Engagement B belongs to another client; the people of engagement A must not
// learn that it exists, let alone change it. A foreign id answers exactly like
// a missing one (404), and the database shows nothing changed.
const MISSING_ID = "cmissing0000000000000000x";

async function expectNotFoundPage(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
}

test("a client user opening another engagement's pages gets the 404 page, and nothing changes", async ({ page }) => {
  const { users, engagements } = e2eState();
  const { a, b } = engagements;
  const before = await engagementSnapshot(b.id);

  await signIn(page, users.clientUser);
  await expect(page.getByRole("link", { name: a.name })).toBeVisible();
  await expect(page.getByRole("link", { name: b.name })).toHaveCount(0);

  // Their own engagement opens: the 404s below are about B, not about this user.
  await page.getByRole("link", { name: a.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: a.name })).toBeVisible();

  for (const url of [
    `/engagements/${b.id}`,
    `/engagements/${b.id}/edit`,
    `/engagements/${b.id}/hosts/${b.hostIds[0]}`,
    `/engagements/${b.id}/hosts/${b.hostIds[0]}/edit`,
    `/engagements/${MISSING_ID}`,
  ]) {
    await expectNotFoundPage(page, url);
    await expect(page.getByText(b.name)).toHaveCount(0);
  }

  expect(await engagementSnapshot(b.id)).toEqual(before);
});

test("a consultant of A gets 404 from B's JSON routes, and B's hosts stay as they were", async ({ page }) => {
  const { users, engagements } = e2eState();
  const { a, b } = engagements;
  const beforeB = await engagementSnapshot(b.id);
  const hostsInA = await testDb().host.count({ where: { engagementId: a.id } });

  await signIn(page, users.consultant);
  const api = page.request; // shares the signed-in browser's cookies

  const list = await api.get("/api/engagements");
  expect(list.status()).toBe(200);
  const ids = ((await list.json()) as { id: string }[]).map((e) => e.id);
  expect(ids).toContain(a.id);
  expect(ids).not.toContain(b.id);

  const own = await api.get(`/api/engagements/${a.id}`);
  expect(own.status()).toBe(200);

  // Foreign and missing ids are indistinguishable.
  const foreign = await api.get(`/api/engagements/${b.id}`);
  const missing = await api.get(`/api/engagements/${MISSING_ID}`);
  expect(foreign.status()).toBe(404);
  expect(missing.status()).toBe(404);
  expect(await foreign.json()).toEqual(await missing.json());
  expect(await foreign.text()).not.toContain(b.name);

  const addToB = await api.post(`/api/engagements/${b.id}/hosts`, { data: { address: "10.66.0.1", label: "planted" } });
  expect(addToB.status()).toBe(404);
  const importToB = await api.post(`/api/engagements/${b.id}/hosts/import`, { data: { text: "10.66.0.2\n10.66.0.3", exposure: "INTERNET" } });
  expect(importToB.status()).toBe(404);

  // B's credential, borrowed for a host in A.
  const borrow = await api.post(`/api/engagements/${a.id}/hosts`, { data: { address: "10.66.0.4", credentialId: b.credentialId } });
  expect(borrow.status()).toBe(404);
  const borrowAll = await api.post(`/api/engagements/${a.id}/hosts/import`, { data: { text: "10.66.0.5", credentialId: b.credentialId } });
  expect(borrowAll.status()).toBe(404);

  expect(await engagementSnapshot(b.id)).toEqual(beforeB);
  expect(await testDb().host.count({ where: { engagementId: a.id } })).toBe(hostsInA);
  expect(await testDb().host.count({ where: { address: { startsWith: "10.66." } } })).toBe(0);
});

test("a consultant of A who swaps B's id into A's add-host form gets Not found, and B is unchanged", async ({ page }) => {
  const { users, engagements } = e2eState();
  const { a, b } = engagements;
  const beforeB = await engagementSnapshot(b.id);
  const hostsInA = await testDb().host.count({ where: { engagementId: a.id } });

  await signIn(page, users.consultant);
  await page.goto(`/engagements/${a.id}`);
  await waitForHydration(page);
  // The form's engagement id travels with the server action call; a
  // tampering client can send any id it likes.
  let swapped = 0;
  await page.route(`**/engagements/${a.id}`, async (route) => {
    const request = route.request();
    const body = request.postDataBuffer();
    if (request.method() !== "POST" || !body?.includes(a.id)) return route.continue();
    swapped += 1;
    await route.continue({ postData: Buffer.from(body.toString("latin1").replaceAll(a.id, b.id), "latin1") });
  });

  const form = page.getByRole("region", { name: "Add a host" });
  await form.getByLabel("Address").fill("10.66.1.1");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toHaveText("Engagement not found");
  expect(swapped).toBe(1);

  expect(await engagementSnapshot(b.id)).toEqual(beforeB);
  expect(await testDb().host.count({ where: { engagementId: a.id } })).toBe(hostsInA);
  expect(await testDb().host.count({ where: { address: "10.66.1.1" } })).toBe(0);
});
