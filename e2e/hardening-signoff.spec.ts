import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { decryptSecret, encryptSecret } from "@/lib/server/crypto";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { seedRedisHostRun } from "@/lib/testing/hardening-factory";
import { signIn, waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

// The sign-off of a hardening step with three people in the browser, recommend-only (the
// default): a consultant proposes; their own approval is refused; a reviewer approves; the
// reviewer's "applied" is refused; a second consultant records it applied. The audit trail
// shows each of them. The database proves the refusals wrote nothing.

type TAccount = { id: string; email: string; password: string };
let reviewer: TAccount;
let second: TAccount;
let engagementId = "";
let findingId = "";

test.beforeAll(async () => {
  const d = testDb();
  const { consultant } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  const account = ({ user, password }: Awaited<ReturnType<typeof makeUser>>) => ({ id: user.id, email: user.email, password });
  reviewer = account(await makeUser(d, { role: "REVIEWER", email: `rhea-${tag}@e2e.test`, name: "Rhea Reviewer" }));
  second = account(await makeUser(d, { role: "CONSULTANT", email: `sam-${tag}@e2e.test`, name: "Sam Second" }));
  engagementId = (await makeEngagement(d, { name: `Acme hardening ${tag}`, memberIds: [consultant.id, reviewer.id, second.id] })).id;
  const host = await makeHost(d, { engagementId, address: "10.9.1.2", label: "redis-01.acme.test" });
  const { hostRunId } = await seedRedisHostRun(d, { engagementId, hostId: host.id, startedById: consultant.id });
  findingId = (await makeFinding(d, { engagementId, hostId: host.id, hostLabel: host.label, status: "CONFIRMED", severity: "CRITICAL", ruleId: "exposed-unauthenticated-datastore", proto: "tcp", port: 6379, title: "Redis reachable without authentication" })).id;
  await d.finding.update({ where: { id: findingId }, data: { address: "0.0.0.0", lastHostRunId: hostRunId } });
});

const stepState = async () => {
  const d = testDb();
  const step = await d.hardeningStep.findFirst({ where: { findingId } });
  return { step, events: step ? await d.hardeningEvent.count({ where: { stepId: step.id } }) : 0 };
};

async function openHardening(page: Page) {
  await page.goto(`/engagements/${engagementId}/findings/${findingId}/hardening`);
  await expect(page.getByRole("heading", { level: 1, name: /Hardening: Redis reachable without authentication/ })).toBeVisible();
  await waitForHydration(page);
}

test("three people sign off a hardening step; each shortcut is refused with its reason", async ({ page, browser }) => {
  await test.step("the consultant finds the step from the finding and proposes it", async () => {
    await signIn(page, e2eState().users.consultant);
    await page.goto(`/engagements/${engagementId}/findings?open=${findingId}`);
    await page.getByRole("dialog").getByRole("link", { name: /Hardening steps: propose/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Hardening: Redis/ })).toBeVisible();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Propose hardening step" }).click();
    const step = page.getByTestId("hardening-step");
    await expect(step).toContainText("Bind Redis to localhost in /etc/redis/redis.conf");
    await expect(step).toContainText("proposed");
    await expect(step.getByTestId("hardening-commands")).toContainText("sed -i -E 's/^[[:space:]]*bind[[:space:]].*$/bind 127.0.0.1 -::1/' '/etc/redis/redis.conf'");
    await expect(step.getByTestId("hardening-rollback")).toContainText("systemctl restart 'redis-server.service'");
    await expect(step.getByTestId("hardening-rationale")).toContainText("A reverse proxy is not proposed");
  });

  await test.step("the proposer's own approval is refused, and nothing changes", async () => {
    await openHardening(page);
    const before = await stepState();
    await page.getByRole("button", { name: "Approve step" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("You proposed or edited this revision of the step: a different reviewer must approve it. Nothing was changed.");
    expect(await stepState()).toEqual(before);
  });

  const reviewerPage = await (await browser.newContext()).newPage();
  await test.step("a reviewer approves it", async () => {
    await signIn(reviewerPage, reviewer);
    await openHardening(reviewerPage);
    await reviewerPage.getByLabel("Approval note (optional)").fill("bind line and restart checked");
    await reviewerPage.getByRole("button", { name: "Approve step" }).click();
    // The review form goes once the step has moved on; the step shows who approved which revision.
    await expect(reviewerPage.getByTestId("hardening-step")).toContainText("approved by Rhea Reviewer");
    await expect(reviewerPage.getByTestId("hardening-step")).toContainText("revision 1 (approved: 1)");
  });

  await test.step("the approver recording it applied is refused", async () => {
    await openHardening(reviewerPage);
    const before = await stepState();
    await reviewerPage.getByRole("button", { name: "Record as applied" }).click();
    await expect(reviewerPage.getByRole("main").getByRole("alert")).toHaveText("You approved this step: someone else must apply it. Nothing was run.");
    expect(await stepState()).toEqual(before);
  });

  const secondPage = await (await browser.newContext()).newPage();
  await test.step("a second consultant ran the commands and records it applied; the audit trail shows everyone", async () => {
    await signIn(secondPage, second);
    await openHardening(secondPage);
    await secondPage.getByLabel("What you did (optional)").fill("ran the commands at 02:00");
    await secondPage.getByLabel("Output you saw (optional)").fill("LISTEN 0 511 127.0.0.1:6379");
    await secondPage.getByRole("button", { name: "Record as applied" }).click();
    await expect(secondPage.getByTestId("hardening-step")).toContainText("applied by Sam Second (by hand)");
    const trail = secondPage.getByTestId("hardening-history");
    await expect(trail.getByRole("listitem")).toHaveCount(3);
    await expect(trail.getByRole("listitem").nth(0)).toContainText("Cora Consultant");
    await expect(trail.getByRole("listitem").nth(0)).toContainText("proposed");
    await expect(trail.getByRole("listitem").nth(1)).toContainText("Rhea Reviewer");
    await expect(trail.getByRole("listitem").nth(1)).toContainText("proposed → approved");
    await expect(trail.getByRole("listitem").nth(2)).toContainText("Sam Second");
    await expect(trail.getByRole("listitem").nth(2)).toContainText("approved → applied");
    await expect(trail.getByRole("listitem").nth(2)).toContainText("LISTEN 0 511 127.0.0.1:6379");
    const { step } = await stepState();
    expect(step).toMatchObject({ status: "APPLIED", proposedById: e2eState().users.consultant.id, approvedById: reviewer.id, appliedById: second.id, appliedBy: "MANUAL" });
  });

  await test.step("the engagement's hardening page lists it, with execution off by default", async () => {
    await secondPage.goto(`/engagements/${engagementId}`);
    await secondPage.getByRole("link", { name: "Hardening", exact: true }).click();
    await expect(secondPage.getByRole("heading", { name: "Execution by Palisade: off (recommend-only)" })).toBeVisible();
    const row = secondPage.getByRole("row").filter({ hasText: "Bind Redis to localhost" });
    await expect(row).toContainText("applied");
    await expect(row).toContainText("a verification run");
  });

  await test.step("a rollback run by hand: the approver's record is refused, the second consultant's is kept", async () => {
    await openHardening(reviewerPage);
    const before = await stepState();
    await reviewerPage.getByText("Record a rollback you ran by hand").click();
    await reviewerPage.getByRole("button", { name: "Record as rolled back" }).click();
    await expect(reviewerPage.getByRole("main").getByRole("alert")).toHaveText("You approved this step: someone else must roll it back. Nothing was run.");
    expect(await stepState()).toEqual(before);

    await openHardening(secondPage);
    await secondPage.getByText("Record a rollback you ran by hand").click();
    await secondPage.getByLabel("What you did (optional)").fill("restored redis.conf from the backup, restarted");
    await secondPage.getByRole("button", { name: "Record as rolled back" }).click();
    await expect(secondPage.getByTestId("hardening-step").locator("header")).toContainText("rolled back");
    const last = secondPage.getByTestId("hardening-history").getByRole("listitem").last();
    await expect(last).toContainText("Sam Second");
    await expect(last).toContainText("applied → rolled back");
    await expect(last).toContainText("restored redis.conf from the backup");
    expect((await stepState()).step?.status).toBe("ROLLED_BACK");
  });
});

// With execution on: Palisade runs the approved step over SSH on the demo fleet's redis-open
// host (a real ssh2 server replaying the lab capture; it answers only recorded commands, so the
// step's first command exits 127 there). The step ends FAILED with the output, nothing after
// the failing command runs, and the rollback is offered under the same rule.
test("with execution on, a third person runs the step; it fails on the host and shows the output", async ({ page, browser }) => {
  const d = testDb();
  const { consultant } = e2eState().users;
  const fleetHost = await d.host.findFirstOrThrow({ where: { engagementId: e2eState().fleet.id, label: { contains: "redis-open" } }, include: { credential: { select: { id: true, secret: true } } } });
  const engagement = await makeEngagement(d, { name: `Acme execution ${randomBytes(3).toString("hex")}`, memberIds: [consultant.id, reviewer.id, second.id] });
  // The fleet's key, stored again for this engagement (a credential is encrypted bound to its own row).
  const credentialId = `ce2ehard${engagement.id.slice(-16)}`;
  const secret = decryptSecret(fleetHost.credential!.secret, fleetHost.credential!.id);
  await d.credential.create({ data: { id: credentialId, engagementId: engagement.id, label: "fleet key", kind: "PRIVATE_KEY", username: "root", secret: encryptSecret(secret, credentialId) } });
  const host = await d.host.create({ data: { engagementId: engagement.id, label: fleetHost.label, address: fleetHost.address, port: fleetHost.port, username: fleetHost.username, hostKeyFingerprint: fleetHost.hostKeyFingerprint, simulated: true, credentialId } });
  const { hostRunId } = await seedRedisHostRun(d, { engagementId: engagement.id, hostId: host.id, startedById: consultant.id });
  const fid = (await makeFinding(d, { engagementId: engagement.id, hostId: host.id, hostLabel: host.label, status: "CONFIRMED", severity: "CRITICAL", ruleId: "exposed-unauthenticated-datastore", proto: "tcp", port: 6379, title: "Redis reachable without authentication" })).id;
  await d.finding.update({ where: { id: fid }, data: { address: "0.0.0.0", lastHostRunId: hostRunId } });
  const url = `/engagements/${engagement.id}/findings/${fid}/hardening`;
  const open = async (p: Page) => {
    await p.goto(url);
    await waitForHydration(p);
  };

  await test.step("the consultant turns execution on and proposes", async () => {
    await signIn(page, consultant);
    await page.goto(`/engagements/${engagement.id}/hardening`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Let Palisade run approved steps" }).click();
    await expect(page.getByRole("heading", { name: "Execution by Palisade: on" })).toBeVisible();
    await open(page);
    await page.getByRole("button", { name: "Propose hardening step" }).click();
    await expect(page.getByTestId("hardening-step")).toContainText("proposed");
  });

  const reviewerPage = await (await browser.newContext()).newPage();
  await test.step("the reviewer approves, and cannot run it", async () => {
    await signIn(reviewerPage, reviewer);
    await open(reviewerPage);
    await reviewerPage.getByRole("button", { name: "Approve step" }).click();
    await expect(reviewerPage.getByTestId("hardening-step")).toContainText("approved by Rhea Reviewer");
    await open(reviewerPage);
    await reviewerPage.getByRole("button", { name: "Run on the host with Palisade" }).click();
    await expect(reviewerPage.getByRole("main").getByRole("alert")).toHaveText("You approved this step: someone else must apply it. Nothing was run.");
  });

  await test.step("the proposer cannot run it either", async () => {
    await open(page);
    await page.getByRole("button", { name: "Run on the host with Palisade" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("You proposed this step: someone other than the proposer and the approver must start it. Nothing was run.");
  });

  const secondPage = await (await browser.newContext()).newPage();
  await test.step("a third person runs it: FAILED at the first command, with the host's output", async () => {
    await signIn(secondPage, second);
    await open(secondPage);
    await secondPage.getByRole("button", { name: "Run on the host with Palisade" }).click();
    // The worker may finish before the page re-renders, so the outcome is read from the step itself.
    await expect(async () => {
      await secondPage.reload();
      await expect(secondPage.getByTestId("hardening-step").locator("header")).toContainText("failed", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const trail = secondPage.getByTestId("hardening-history");
    await expect(trail).toContainText("approved → failed");
    await expect(trail).toContainText("Command 1 exited 127: test -f '/etc/redis/redis.conf'");
    await expect(trail).toContainText("command not found");
    await expect(trail).toContainText("Not run (after the failure)");
    await expect(secondPage.getByRole("button", { name: "Run the rollback with Palisade" })).toBeVisible();
    const step = await d.hardeningStep.findFirstOrThrow({ where: { findingId: fid } });
    const ran = await d.hardeningEvent.findFirstOrThrow({ where: { stepId: step.id, kind: "failed" } });
    const records = (ran.details as { records: { phase: string; command: string }[] }).records.filter((r) => r.phase === "apply");
    expect(records.map((r) => r.command)).toEqual([step.commands[0]]);
  });
});
