import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { signIn, waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

// The reviewer's screen: triage with the keyboard, bulk changes with one
// comment, dual control on risk acceptance, and no findings for clients.
// The scene is this spec's own engagement, so other specs' counts stay put.

type TAccount = { id: string; email: string; password: string };
let rita: TAccount; // reviewer who requests
let rex: TAccount; // the second reviewer, who approves
let engagementId = "";
const ids: Record<"redis" | "http1" | "http2" | "http3" | "debug", string> = { redis: "", http1: "", http2: "", http3: "", debug: "" };

// Output a host sent back: markup in it must stay text.
const HOSTILE_STDOUT = "LISTEN 0 511 0.0.0.0:6379 users:((\"redis-server\",pid=811,fd=6))\n<script>document.title='pwned'</script><b>bold?</b>\n";

test.beforeAll(async () => {
  const d = testDb();
  const { consultant, clientUser } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  const account = ({ user, password }: Awaited<ReturnType<typeof makeUser>>) => ({ id: user.id, email: user.email, password });
  rita = account(await makeUser(d, { role: "REVIEWER", email: `rita-${tag}@e2e.test`, name: "Rita Reviewer" }));
  rex = account(await makeUser(d, { role: "REVIEWER", email: `rex-${tag}@e2e.test`, name: "Rex Reviewer" }));
  const engagement = await makeEngagement(d, { name: `Acme triage ${tag}`, memberIds: [consultant.id, clientUser.id, rita.id, rex.id] });
  engagementId = engagement.id;
  const web = await makeHost(d, { engagementId, address: "10.9.0.1", label: "web-01.acme.test" });
  const redis = await makeHost(d, { engagementId, address: "10.9.0.2", label: "redis-01.acme.test", exposure: "INTERNET" });
  const at = new Date(Date.now() - 3_600_000);
  ids.redis = (await makeFinding(d, {
    engagementId, hostId: redis.id, hostLabel: redis.label, severity: "CRITICAL", ruleId: "exposed-unauthenticated-datastore", port: 6379, lastSeenAt: at,
    title: "Redis reachable without authentication",
    why: "redis-server listens on 0.0.0.0:6379 and answered PING without AUTH.",
    severityReason: "Critical: an unauthenticated datastore reachable from the internet.",
    reproduce: "redis-cli -h 127.0.0.1 -p 6379 PING",
    evidence: [{ key: "ss-tcp", command: "ss -H -tlnp", stdout: HOSTILE_STDOUT }],
    runBy: consultant.id,
  })).id;
  for (const [n, key] of [[1, "http1"], [2, "http2"], [3, "http3"]] as const) {
    ids[key] = (await makeFinding(d, { engagementId, hostId: web.id, hostLabel: web.label, severity: "HIGH", ruleId: "bare-http-server", port: 8000 + n, lastSeenAt: at, title: `Bare HTTP server on port 800${n}` })).id;
  }
  ids.debug = (await makeFinding(d, { engagementId, hostId: web.id, hostLabel: web.label, severity: "MEDIUM", status: "CONFIRMED", ruleId: "debug-endpoint-exposed", port: 9229, lastSeenAt: at, title: "Debug endpoint exposed on port 9229" })).id;
  await makeFinding(d, { engagementId, hostId: web.id, hostLabel: web.label, severity: "LOW", ruleId: "loopback-only-listener", port: 5432, lastSeenAt: at, title: "PostgreSQL bound to localhost only" });
});

const findingsUrl = () => `/engagements/${engagementId}/findings`;
const drawer = (page: Page) => page.getByRole("dialog");

async function openFindings(page: Page, query = "") {
  await page.goto(`${findingsUrl()}${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  await waitForHydration(page);
}

test("a reviewer triages a finding from the keyboard; the evidence stays raw text", async ({ page }) => {
  const d = testDb();
  await signIn(page, rita);

  await test.step("the engagement page links to the findings with counts and charts", async () => {
    await page.goto(`/engagements/${engagementId}`);
    const section = page.getByRole("region", { name: "Findings" });
    await expect(section.getByRole("list", { name: "Open findings by severity" })).toContainText("1 critical");
    await expect(section.getByTestId("finding-kpis")).toContainText("Open findings");
    await expect(section.getByRole("heading", { name: "Open findings per host" })).toBeVisible();
    await section.getByRole("link", { name: "Triage findings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
    await waitForHydration(page);
  });

  await test.step("j/k move the highlight, o opens the details", async () => {
    await expect(page.getByRole("note", { name: "Keyboard shortcuts" })).toContainText("false positive");
    const rows = page.getByTestId("finding-row");
    await expect(rows).toHaveCount(6);
    await expect(rows.first()).toContainText("Redis reachable without authentication"); // critical first
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("k");
    await expect(rows.first()).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("o");
    await expect(drawer(page).getByRole("heading", { name: "Redis reachable without authentication" })).toBeVisible();
  });

  await test.step("the evidence is shown as the host sent it, never as HTML", async () => {
    const stdout = drawer(page).getByTestId("evidence-stdout");
    await expect(stdout).toContainText("<script>document.title='pwned'</script><b>bold?</b>");
    await expect(drawer(page).locator("pre script, pre b")).toHaveCount(0);
    expect(await page.title()).not.toBe("pwned");
    await expect(drawer(page).getByTestId("reproduce-ssh")).toContainText("ssh 'root@10.9.0.2' 'redis-cli -h 127.0.0.1 -p 6379 PING'");
  });

  await test.step("confirm it with a comment", async () => {
    const decide = drawer(page).getByRole("region", { name: "Decide" });
    await decide.getByLabel("Comment").fill("Verified: PING answered without AUTH");
    await decide.getByRole("button", { name: "Confirm" }).click();
    await expect(drawer(page).getByTestId("drawer-status")).toContainText("confirmed");
    await expect(drawer(page).getByTestId("history")).toContainText("Verified: PING answered without AUTH");
    await expect(page.getByTestId("finding-row").first()).toContainText("confirmed");
  });

  const stored = await d.finding.findUniqueOrThrow({ where: { id: ids.redis }, include: { events: true } });
  expect(stored.status).toBe("CONFIRMED");
  expect(stored.events.map((e) => [e.toStatus, e.comment, e.actorId])).toEqual([["CONFIRMED", "Verified: PING answered without AUTH", rita.id]]);
});

test("a reviewer marks several findings false positive at once with one comment; an illegal bulk move changes nothing", async ({ page }) => {
  const d = testDb();
  const http = [ids.http1, ids.http2, ids.http3];
  await signIn(page, rita);
  await openFindings(page);

  await test.step("search narrows the list to the bare HTTP servers", async () => {
    await page.getByLabel("Search title or host").fill("bare http");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/q=bare\+http/);
    await waitForHydration(page);
    await expect(page.getByTestId("finding-row")).toHaveCount(3);
  });

  await test.step("x selects, f starts the change, Enter applies it", async () => {
    for (const key of ["x", "j", "x", "j", "x"]) await page.keyboard.press(key);
    await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
    await page.keyboard.press("f");
    const panel = page.getByRole("region", { name: "Change status" });
    await expect(panel.getByLabel("New status")).toHaveValue("FALSE_POSITIVE");
    await expect(panel.getByLabel("Comment")).toBeFocused();
    await page.keyboard.type("Dev servers, reachable only through the VPN");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Marked 3 findings false positive." })).toBeVisible();
    await expect(page.getByTestId("finding-row").filter({ hasText: "false positive" })).toHaveCount(3);
  });

  const after = await d.finding.findMany({ where: { id: { in: http } }, include: { events: true } });
  expect(after.map((f) => f.status)).toEqual(["FALSE_POSITIVE", "FALSE_POSITIVE", "FALSE_POSITIVE"]);
  expect(after.flatMap((f) => f.events.map((e) => e.comment))).toEqual(Array(3).fill("Dev servers, reachable only through the VPN"));

  await test.step("marking them false positive again is refused as a whole, with the reason", async () => {
    const events = await d.findingEvent.count();
    const audit = await d.auditLog.count();
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await page.getByRole("checkbox", { name: "Select all on this page" }).blur();
    await page.keyboard.press("f");
    const panel = page.getByRole("region", { name: "Change status" });
    await expect(panel.getByRole("note")).toContainText("The finding is already false positive");
    await panel.getByLabel("Comment").fill("again");
    await panel.getByRole("button", { name: "Apply to 3 findings" }).click();
    await expect(panel.getByRole("alert")).toContainText("The finding is already false positive. Nothing was changed.");
    expect(await d.findingEvent.count()).toBe(events);
    expect(await d.auditLog.count()).toBe(audit);
  });
});

test("one reviewer requests a risk acceptance, a different reviewer approves it", async ({ page, browser }) => {
  const d = testDb();
  await signIn(page, rita);
  await openFindings(page, "?q=debug+endpoint");

  await test.step("Rita requests it with a justification and an expiry", async () => {
    await page.keyboard.press("Enter");
    const request = drawer(page).getByRole("region", { name: "Request risk acceptance" });
    await request.getByLabel("Justification").fill("Only reachable from the jump host; removed in the Q3 rebuild");
    await request.getByRole("button", { name: "Request acceptance" }).click();
    await expect(drawer(page).getByTestId("drawer-status")).toContainText("acceptance requested");
    await expect(drawer(page)).toContainText("You requested this acceptance: a different reviewer must approve it.");
    await expect(drawer(page).getByRole("button", { name: "Approve risk acceptance" })).toHaveCount(0);
  });

  await test.step("Rex, another reviewer, approves it", async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, rex);
    await openFindings(other, `?open=${ids.debug}`);
    await expect(drawer(other)).toContainText("requested by Rita Reviewer");
    await drawer(other).getByRole("button", { name: "Approve risk acceptance" }).click();
    await expect(drawer(other).getByTestId("drawer-status")).toContainText("accepted risk");
    await expect(drawer(other)).toContainText("approved by Rex Reviewer");
    await context.close();
  });

  const accepted = await d.finding.findUniqueOrThrow({ where: { id: ids.debug } });
  expect(accepted).toMatchObject({ status: "ACCEPTED_RISK", acceptanceRequestedById: rita.id, acceptanceApprovedById: rex.id, acceptanceJustification: "Only reachable from the jump host; removed in the Q3 rebuild" });
  expect(accepted.acceptanceExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
});

test("the findings JSON routes list with the page's filters, refuse a bad query, and hide other engagements' findings", async ({ page }) => {
  await signIn(page, rita);
  const api = page.request;
  const list = await api.get(`/api/engagements/${engagementId}/findings?severity=CRITICAL&severity=HIGH&sort=recent`);
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { findings: { id: string; severity: string }[]; next: string | null };
  expect(body.findings.map((f) => f.severity).sort()).toEqual(["CRITICAL", "HIGH", "HIGH", "HIGH"]);
  expect(body.next).toBeNull();

  const bad = await api.get(`/api/engagements/${engagementId}/findings?severity=URGENT&cursor=not-a-cursor`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({ severity: expect.any(Array), cursor: ["Cursor is malformed"] });

  const detail = await api.get(`/api/findings/${ids.redis}`);
  expect(detail.status()).toBe(200);
  expect(((await detail.json()) as { evidence: { stdout: string }[] }).evidence[0]!.stdout).toBe(HOSTILE_STDOUT);

  // Engagement B's finding, seen from a reviewer who is not a member there: exactly like a missing one.
  const { b } = e2eState().engagements;
  const foreignId = (await makeFinding(testDb(), { engagementId: b.id, hostId: b.hostIds[0]!, title: "Globex secret finding" })).id;
  const foreign = await api.get(`/api/findings/${foreignId}`);
  const missing = await api.get("/api/findings/cmissing0000000000000000x");
  expect([foreign.status(), missing.status()]).toEqual([404, 404]);
  expect(await foreign.json()).toEqual(await missing.json());
  expect((await api.get(`/api/engagements/${b.id}/findings`)).status()).toBe(404);
  const foreignPage = await page.goto(`/engagements/${b.id}/findings`);
  expect(foreignPage?.status()).toBe(404);
  await expect(page.getByText("Globex secret finding")).toHaveCount(0);
  await testDb().finding.delete({ where: { id: foreignId } });
});

test("a client user of the engagement gets 404 on the findings page and no findings anywhere", async ({ page }) => {
  const d = testDb();
  const before = await d.finding.findMany({ where: { engagementId }, orderBy: { id: "asc" } });
  await signIn(page, e2eState().users.clientUser);

  await page.goto(`/engagements/${engagementId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Acme triage");
  await expect(page.getByRole("region", { name: "Findings" })).toHaveCount(0);
  await expect(page.getByText("Redis reachable")).toHaveCount(0);

  const response = await page.goto(findingsUrl());
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByText("Redis reachable")).toHaveCount(0);

  for (const url of [`/api/engagements/${engagementId}/findings`, `/api/findings/${ids.redis}`]) {
    const api = await page.request.get(url);
    expect([403, 404], url).toContain(api.status());
    expect(await api.text()).not.toContain("Redis reachable");
  }
  expect(await d.finding.findMany({ where: { engagementId }, orderBy: { id: "asc" } })).toEqual(before);
});
