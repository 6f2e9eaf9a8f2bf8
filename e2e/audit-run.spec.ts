import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { e2eState } from "./support/state";

// The audit journey on the demo fleet: start a run, watch it finish live,
// open the raw evidence behind a listener.
test("a consultant audits the demo fleet and opens the evidence behind an exposed port", async ({ page }) => {
  const { users, fleet } = e2eState();
  await signIn(page, users.consultant);
  await page.getByRole("link", { name: fleet.name }).click();
  await page.getByRole("button", { name: "Audit all hosts" }).click();

  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByRole("progressbar", { name: "Run progress" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("completed with errors", { timeout: 60_000 });
  await expect(page.getByTestId("run-counts")).toHaveText("13 of 13 hosts finished, 2 failed");
  const unreachable = page.getByTestId("host-run-row").filter({ hasText: "unreachable" }).first();
  await expect(unreachable).toContainText("failed");
  await expect(page.getByTestId("host-run-row").filter({ hasText: "host-key-changed" })).toContainText("host key changed");

  await page.getByRole("link", { name: /redis-open/ }).click();
  const redisRow = page.getByTestId("listener-row").filter({ hasText: "6379" });
  await expect(redisRow).toContainText("redis-server");
  await expect(redisRow).toContainText("all interfaces");
  await redisRow.getByRole("link", { name: "ss-tcp", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Evidence: ss-tcp" })).toBeVisible();
  await expect(page.getByTestId("evidence-stdout")).toContainText("0.0.0.0:6379");
  await expect(page.getByTestId("evidence-exit")).toHaveText("0");
  await expect(page.getByText(/SHA-256 of the output as received/)).toBeVisible();
  await expect(page.getByText(/ssh -p \d+ 'root@127\.0\.0\.1' 'ss -H -tlnp'/)).toBeVisible();
});
