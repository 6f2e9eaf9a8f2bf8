import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { makeEngagement } from "@/lib/testing/factories";
import { waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { useSession } from "./support/session";
import { e2eState } from "./support/state";

// A consultant schedules an engagement's audits and adds a webhook: bad input
// is named and saves nothing, the next fire times are shown, the signing
// secret is shown once (and signs the test ping a receiver on 127.0.0.1 checks).
test("schedule and webhook settings", async ({ context, page }) => {
  const { consultant } = e2eState().users;
  const engagement = await makeEngagement(testDb(), { name: `Scheduled ${Date.now()}`, memberIds: [consultant.id] });
  const pings: { signature: string; body: Buffer }[] = [];
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      pings.push({ signature: String(req.headers["x-palisade-signature"]), body: Buffer.concat(chunks) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/palisade-path-token`;

  try {
    await useSession(context, consultant);
    await page.goto(`/engagements/${engagement.id}`);
    await page.getByRole("link", { name: "Schedule and notifications" }).click();
    await expect(page.getByRole("heading", { name: "Schedule and notifications" })).toBeVisible();
    await waitForHydration(page);

    const schedule = page.locator("#schedule");
    await schedule.getByLabel("Cron expression").fill("0 25 * * *");
    await schedule.getByRole("button", { name: "Set schedule" }).click();
    await expect(schedule.getByText("Not a valid cron expression: Constraint error, got value 25 expected range 0-23 (the hour field)")).toBeVisible();
    await schedule.getByLabel("Cron expression").fill("0 3 * * 1-5");
    await schedule.getByLabel("Time zone").fill("Mars/Olympus");
    await schedule.getByRole("button", { name: "Set schedule" }).click();
    await expect(schedule.getByText('"Mars/Olympus" is not an IANA time zone')).toBeVisible();
    expect(await testDb().schedule.count({ where: { engagementId: engagement.id } })).toBe(0);

    await schedule.getByLabel("Time zone").fill("Europe/Berlin");
    await schedule.getByRole("button", { name: "Set schedule" }).click();
    await expect(schedule.getByRole("status")).toContainText("Scheduled. Next audits (Europe/Berlin)");
    const next = schedule.getByRole("list", { name: "Next fire times" }).getByRole("listitem");
    await expect(next).toHaveCount(3);
    await expect(next.first()).toContainText("03:00");
    const bossCron = () => testDb().$queryRaw<{ cron: string }[]>`SELECT cron FROM pgboss.schedule WHERE name = ${`scheduled-run.${engagement.id}`}`;
    expect(await bossCron()).toEqual([{ cron: "0 3 * * 1-5" }]);

    // Paused: the cron is kept, nothing fires; resumed: the same schedule again.
    await schedule.getByRole("button", { name: "Pause schedule" }).click();
    await expect(schedule.getByRole("status").filter({ hasText: "Schedule paused" })).toHaveText("Schedule paused: no scheduled audits until it is resumed.");
    await expect(schedule.getByText("Paused: nothing fires until it is resumed")).toBeVisible();
    await expect(schedule.getByText("paused", { exact: true })).toBeVisible();
    await expect(schedule.getByRole("list", { name: "Next fire times" })).toHaveCount(0);
    expect(await bossCron()).toEqual([]);
    await schedule.getByRole("button", { name: "Resume schedule" }).click();
    await expect(next).toHaveCount(3);
    await expect(schedule.getByText("paused", { exact: true })).toHaveCount(0);
    expect(await bossCron()).toEqual([{ cron: "0 3 * * 1-5" }]);

    const hooks = page.locator("#webhooks");
    await hooks.getByLabel("URL").fill("ftp://files.example.test/drop");
    await hooks.getByRole("button", { name: "Add webhook" }).click();
    await expect(hooks.getByText("URL must start with http:// or https://")).toBeVisible();
    expect(await testDb().webhook.count({ where: { engagementId: engagement.id } })).toBe(0);
    await hooks.getByLabel("URL").fill(hookUrl);
    await hooks.getByRole("button", { name: "Add webhook" }).click();
    const created = hooks.getByRole("status").filter({ hasText: "Webhook added" });
    await expect(created).toBeVisible();
    const secret = (await created.textContent())!.match(/whsec_[A-Za-z0-9_-]+/)![0];

    await page.reload();
    await waitForHydration(page);
    const content = await page.content();
    expect(content).not.toContain(secret);
    expect(content).not.toContain("palisade-path-token");
    await expect(hooks.getByText(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/…`)).toBeVisible();

    await hooks.getByRole("button", { name: "Send test ping" }).click();
    await expect(hooks.getByText("Ping delivered: HTTP 200.")).toBeVisible();
    expect(pings).toHaveLength(1);
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(pings[0]!.body).digest("hex")}`);
    expect(timingSafeEqual(Buffer.from(pings[0]!.signature), expected)).toBe(true);

    await hooks.getByRole("button", { name: "Disable" }).click();
    await expect(hooks.getByText("disabled", { exact: true })).toBeVisible();
    expect(await testDb().webhook.findFirstOrThrow({ where: { engagementId: engagement.id } })).toMatchObject({ enabled: false });
    await hooks.getByRole("button", { name: "Enable" }).click();
    await expect(hooks.getByText("disabled", { exact: true })).toHaveCount(0);
    expect(await testDb().webhook.findFirstOrThrow({ where: { engagementId: engagement.id } })).toMatchObject({ enabled: true });

    await hooks.getByRole("button", { name: "Delete" }).click();
    await expect(hooks.getByText("No webhooks.")).toBeVisible();
    await schedule.getByRole("button", { name: "Remove schedule" }).click();
    await expect(schedule.getByText("No schedule: audits run only when someone starts them.")).toBeVisible();
    expect(await testDb().$queryRaw<unknown[]>`SELECT 1 FROM pgboss.schedule WHERE name = ${`scheduled-run.${engagement.id}`}`).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
