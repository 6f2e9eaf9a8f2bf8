import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Response } from "@playwright/test";
import { waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { fieldName } from "./support/fields";
import { e2eState } from "./support/state";
import { generateEd25519 } from "../scripts/lab/keys";

// What a consultant does on day one, start to finish, as one story: each
// step builds on the one before.
test("a consultant signs in, sets up a client, an engagement, hosts and a key, and signs out", async ({ page }) => {
  const { consultant } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  const clientName = `Initech ${tag}`;
  const engagementName = `External perimeter ${tag}`;
  let engagementId = "";
  const hostsIn = (id: string) => testDb().host.count({ where: { engagementId: id } });

  await test.step("a wrong password is refused with a message", async () => {
    await page.goto("/engagements");
    await expect(page).toHaveURL(/\/login$/);
    await waitForHydration(page);
    await page.getByLabel("Email").fill(consultant.email);
    await page.getByLabel("Password").fill(`${consultant.password}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Email")).toHaveValue(consultant.email);
  });

  await test.step("the right password lands on the engagements list", async () => {
    await page.getByLabel("Password").fill(consultant.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/engagements$/);
    await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText("Cora Consultant");
  });

  await test.step("create a client", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
    const form = page.getByRole("region", { name: "New client" });
    await form.getByLabel("Client name").fill(clientName);
    await form.getByLabel("Contact").fill("Bill Lumbergh, it-security@initech.test");
    await form.getByRole("button", { name: "Create client" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created client ${clientName}.`);
    await expect(page.getByRole("row", { name: new RegExp(clientName) })).toBeVisible();
  });

  await test.step("create an engagement for it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagements" }).click();
    await page.getByRole("link", { name: "New engagement" }).click();
    await page.getByLabel("Client").selectOption({ label: clientName });
    await page.getByLabel("Name").fill(engagementName);
    await page.getByLabel("Scope").fill("Everything that answers on the public address range.");
    await page.getByLabel("Status").selectOption({ label: "Active" });
    await page.getByRole("button", { name: "Create engagement" }).click();
    await expect(page.getByRole("heading", { level: 1, name: engagementName })).toBeVisible();
    engagementId = /\/engagements\/([a-z0-9]+)$/.exec(page.url())?.[1] ?? "";
    expect(engagementId).not.toBe("");
    await expect(page.getByRole("region", { name: "Hosts (0)" })).toContainText("No hosts yet.");
  });

  await test.step("add two hosts one by one", async () => {
    const form = page.getByRole("region", { name: "Add a host" });
    await form.getByLabel("Address").fill("web01.initech.test");
    await form.getByLabel(fieldName("Label")).fill("web01");
    await form.getByRole("button", { name: "Add host" }).click();
    await expect(form.getByRole("status")).toHaveText("Added web01.");

    await form.getByLabel("Address").fill("10.20.0.5");
    await form.getByLabel("SSH port").fill("2222");
    await form.getByLabel("SSH user").fill("admin");
    await form.getByLabel("Exposure").selectOption({ label: "Internet-facing" });
    await form.getByRole("button", { name: "Add host" }).click();
    await expect(form.getByRole("status")).toHaveText("Added 10.20.0.5.");

    const hosts = page.getByRole("region", { name: "Hosts (2)" });
    await expect(hosts.getByRole("row", { name: /web01/ })).toContainText("root@web01.initech.test:22");
    await expect(hosts.getByRole("row", { name: /10\.20\.0\.5/ })).toContainText("admin@10.20.0.5:2222");
    await expect(hosts.getByRole("row", { name: /10\.20\.0\.5/ })).toContainText("internet");
  });

  await test.step("a pasted list with one bad line saves nothing and names the line", async () => {
    const form = page.getByRole("region", { name: "Import hosts" });
    await form.getByLabel("Hosts, one per line").fill(["10.20.1.1 app01", "10.20.0.300 bad-one", "deploy@db01.initech.test:2200"].join("\n"));
    await form.getByRole("button", { name: "Import hosts" }).click();
    await expect(form.getByRole("alert")).toContainText("1 line needs fixing. Nothing was saved.");
    const lines = form.getByRole("list", { name: "Lines with errors" }).getByRole("listitem");
    await expect(lines).toHaveCount(1);
    await expect(lines.first()).toContainText('Line 2: 10.20.0.300 bad-one — "10.20.0.300" is not a host name, IPv4 or IPv6 address');
    // What was typed stays, so it can be fixed in place.
    await expect(form.getByLabel("Hosts, one per line")).toHaveValue(/10\.20\.0\.300 bad-one/);
    await expect(page.getByRole("region", { name: "Hosts (2)" })).toBeVisible();
    expect(await hostsIn(engagementId)).toBe(2);
  });

  await test.step("the corrected list adds every host", async () => {
    const form = page.getByRole("region", { name: "Import hosts" });
    await form.getByLabel("Hosts, one per line").fill(["10.20.1.1 app01", "# the database, on its own port", "10.20.0.30 app02", "", "deploy@db01.initech.test:2200"].join("\n"));
    await form.getByRole("button", { name: "Import hosts" }).click();
    await expect(form.getByRole("status")).toHaveText("Added 3 hosts.");
    const hosts = page.getByRole("region", { name: "Hosts (5)" });
    await expect(hosts.getByRole("row", { name: /app01/ })).toContainText("root@10.20.1.1:22");
    await expect(hosts.getByRole("row", { name: /db01/ })).toContainText("deploy@db01.initech.test:2200");
    expect(await hostsIn(engagementId)).toBe(5);
  });

  await test.step("the engagements list counts the hosts", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagements" }).click();
    const row = page.getByRole("row", { name: new RegExp(engagementName) });
    await expect(row.getByRole("cell").nth(1)).toHaveText(clientName);
    await expect(row.getByRole("cell").last()).toHaveText("5");
    await row.getByRole("link", { name: engagementName }).click();
    await expect(page.getByRole("heading", { level: 1, name: engagementName })).toBeVisible();
  });

  await test.step("store an SSH key: only its fingerprint is ever shown", async () => {
    const key = generateEd25519(`palisade-e2e-${tag}`);
    // OpenSSH's fingerprint, computed here from the public half, not by Palisade.
    const blob = Buffer.from(key.publicKey.trim().split(/\s+/)[1] ?? "", "base64");
    const fingerprint = `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
    // The base64 body of the private key: the part that must never come back.
    const secretLines = key.privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
    expect(secretLines.length).toBeGreaterThan(0);

    const bodies: Promise<string>[] = [];
    const collect = (response: Response) => void bodies.push(response.text().catch(() => ""));
    page.on("response", collect);

    const form = page.getByRole("region", { name: "SSH credentials" });
    await expect(form).toContainText("No credentials stored.");
    await form.getByLabel("SSH private key").check();
    await form.getByLabel(fieldName("Label")).fill("deploy key");
    await form.getByLabel("SSH user").fill("deploy");
    await form.getByRole("textbox", { name: "Private key" }).fill(key.privateKey);
    await form.getByRole("button", { name: "Store credential" }).click();
    await expect(form.getByRole("status")).toHaveText(`Stored "deploy key" (${fingerprint}).`);
    await expect(form.getByRole("listitem").filter({ hasText: "deploy key" })).toContainText(fingerprint);
    await expect(form.getByRole("textbox", { name: "Private key" })).toHaveValue("");

    await page.reload();
    const stored = page.getByRole("region", { name: "SSH credentials" }).getByRole("listitem").filter({ hasText: "deploy key" });
    await expect(stored).toContainText("user deploy");
    await expect(stored).toContainText(fingerprint);
    page.off("response", collect);

    const html = await page.content();
    const responses = await Promise.all(bodies);
    for (const line of secretLines) {
      expect(html).not.toContain(line);
      for (const body of responses) expect(body).not.toContain(line);
    }
    expect(html).not.toContain("PRIVATE KEY-----");

    // At rest it is encrypted, not the key text.
    const row = await testDb().credential.findFirstOrThrow({ where: { engagementId, label: "deploy key" }, omit: { secret: false } });
    expect(row.fingerprint).toBe(fingerprint);
    for (const line of secretLines) expect(row.secret).not.toContain(line);
  });

  await test.step("sign out: back to the login page, and the app stays closed", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto(`/engagements/${engagementId}`);
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/engagements");
    await expect(page).toHaveURL(/\/login$/);
    const api = await page.request.get("/api/engagements");
    expect(api.status()).toBe(401);
  });
});
