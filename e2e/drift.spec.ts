import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hostFacts, listener, owner } from "@/lib/audit/rules/testing/facts-factory";
import type { THostFacts } from "@/lib/audit/facts";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { recordTestHostRun } from "@/lib/testing/record-test-host-run";
import { signIn, waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

// Baseline and drift in the browser: a reviewer approves a host's inventory as its baseline;
// the next run's new listener and cron job show on the host page with their evidence; the
// reviewer accepts one into the baseline, a consultant (who has no accept button) promotes
// the other to a finding; the engagement's drift page lists both decisions; a client gets 404.

let engagementId = "";
let hostId = "";
let reviewer = { email: "", password: "" };

const sshd = listener("0.0.0.0", 22, { name: "sshd", pid: 39 });
const base = (): THostFacts => hostFacts({ listeners: [sshd], owners: [owner(sshd, { exe: "/usr/sbin/sshd", systemdUnit: "ssh.service" })] });
const http = listener("0.0.0.0", 8765, { name: "python3", pid: 901 });
const drifted = (): THostFacts => ({
  ...base(),
  listeners: [sshd, http],
  owners: [owner(sshd, { exe: "/usr/sbin/sshd", systemdUnit: "ssh.service" }), owner(http, { exe: "/usr/bin/python3.11" })],
  cronJobs: [{ source: "/etc/cron.d/drift-test", schedule: "*/5 * * * *", user: "root", command: "/bin/true", evidence: ["cron-d"] }],
});

test.beforeAll(async () => {
  const d = testDb();
  const { consultant, clientUser } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  const r = await makeUser(d, { role: "REVIEWER", email: `rita-${tag}@e2e.test`, name: "Rita Reviewer" });
  reviewer = { email: r.user.email, password: r.password };
  engagementId = (await makeEngagement(d, { name: `Acme drift ${tag}`, memberIds: [consultant.id, r.user.id, clientUser.id] })).id;
  hostId = (await makeHost(d, { engagementId, address: "10.9.2.3", label: "web-01.acme.test" })).id;
  await recordTestHostRun(d, { hostId, startedById: consultant.id, facts: base() });
});

test("a reviewer baselines a host; drift is accepted by the reviewer and promoted by a consultant", async ({ page, browser }) => {
  await test.step("the reviewer approves the latest run as the baseline", async () => {
    await signIn(page, reviewer);
    await page.goto(`/engagements/${engagementId}/hosts/${hostId}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Approve the latest run as the baseline" }).click();
    // The button goes once its run is the baseline; the section says who approved what.
    await expect(page.getByText(/Baseline of 1 items approved by Rita Reviewer/)).toBeVisible();
    await expect(page.getByRole("button", { name: /Approve the latest run/ })).toHaveCount(0);
    await expect(page.getByTestId("drift-table")).toHaveCount(0);
  });

  await recordTestHostRun(testDb(), { hostId, startedById: e2eState().users.consultant.id, facts: drifted() });

  await test.step("the next run's drift shows with its evidence; the reviewer accepts the listener", async () => {
    await page.reload();
    await waitForHydration(page);
    const table = page.getByTestId("drift-table");
    await expect(table.getByRole("row")).toHaveCount(3);
    const listenerRow = table.getByRole("row", { name: /TCP 0\.0\.0\.0:8765 \(python3\)/ });
    await expect(listenerRow.getByRole("link", { name: "ss-tcp" })).toHaveAttribute("href", /\/evidence\//);
    await listenerRow.getByRole("button", { name: "Accept into baseline" }).click();
    await expect(listenerRow.getByText("accepted")).toBeVisible();
    await expect(page.getByText(/Baseline of 2 items approved by Rita Reviewer.*\(version 2\)/)).toBeVisible();
  });

  await test.step("a consultant cannot accept, and promotes the cron job to a finding", async () => {
    const context = await browser.newContext();
    const consultantPage = await context.newPage();
    await signIn(consultantPage, e2eState().users.consultant);
    await consultantPage.goto(`/engagements/${engagementId}/drift`);
    await waitForHydration(consultantPage);
    const row = consultantPage.getByTestId("drift-table").getByRole("row", { name: /cron \*\/5 \* \* \* \* \/bin\/true/ });
    await expect(row.getByRole("button", { name: "Accept into baseline" })).toHaveCount(0);
    await row.getByRole("button", { name: "Promote to finding" }).click();
    // Decided items leave the open list.
    await expect(consultantPage.getByTestId("drift-table").getByRole("row", { name: /\/bin\/true/ })).toHaveCount(0);
    await consultantPage.goto(`/engagements/${engagementId}/drift?status=PROMOTED`);
    await expect(consultantPage.getByTestId("drift-table").getByRole("row", { name: /\/bin\/true.*promoted/ })).toBeVisible();
    await context.close();
    const finding = await testDb().finding.findFirstOrThrow({ where: { engagementId, ruleId: "drift.new-cron-job" } });
    expect([finding.status, finding.severity]).toEqual(["NEW", "MEDIUM"]);
  });

  await test.step("a client member gets 404 on the drift page, and nothing changes", async () => {
    const before = await testDb().driftItem.findMany({ where: { engagementId }, orderBy: { id: "asc" } });
    const context = await browser.newContext();
    const clientPage = await context.newPage();
    await signIn(clientPage, e2eState().users.clientUser);
    const response = await clientPage.goto(`/engagements/${engagementId}/drift`);
    expect(response?.status()).toBe(404);
    await context.close();
    expect(await testDb().driftItem.findMany({ where: { engagementId }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
