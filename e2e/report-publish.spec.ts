import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { signIn, waitForHydration } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

// The deliverable's journey: a consultant drafts a report, a reviewer who did
// not draft it publishes it, and the client downloads the PDF from the portal
// they land on, and can reach nothing else: not the engagement's hosts or
// findings, not another engagement's report, not a draft.

type TAccount = { id: string; email: string; password: string };
let reviewer: TAccount;
let engagement = { id: "", name: "" };
let hostId = "";
let foreignReportId = "";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

test.beforeAll(async () => {
  const d = testDb();
  const { consultant, clientUser } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  const made = await makeUser(d, { role: "REVIEWER", email: `rhea-${tag}@e2e.test`, name: "Rhea Reviewer" });
  reviewer = { id: made.user.id, email: made.user.email, password: made.password };
  const e = await makeEngagement(d, { name: `Acme report ${tag}`, memberIds: [consultant.id, clientUser.id, reviewer.id] });
  engagement = { id: e.id, name: e.name };
  const host = await makeHost(d, { engagementId: e.id, address: "10.7.0.1", label: "db-01.acme.test", exposure: "INTERNET" });
  hostId = host.id;
  await makeFinding(d, { engagementId: e.id, hostId: host.id, severity: "CRITICAL", ruleId: "exposed-unauthenticated-datastore", port: 6379, title: "Redis reachable without authentication" });

  // Engagement B (another client) has a published report of its own.
  const { b } = e2eState().engagements;
  const bytes = Buffer.from("%PDF-1.7\nGlobex confidential\n%%EOF\n");
  foreignReportId = (await d.reportVersion.create({
    data: { engagementId: b.id, version: 1, status: "PUBLISHED", title: "Globex report", draftedById: consultant.id, publishedById: reviewer.id, publishedAt: new Date(), pdf: bytes, sha256: sha256(bytes), sizeBytes: bytes.length, pageCount: 1 },
  })).id;
});

async function as(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(page, account);
  return page;
}

async function openReports(page: Page) {
  await page.goto(`/engagements/${engagement.id}`);
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await waitForHydration(page);
}

test("consultant drafts, another reviewer publishes, the client downloads the PDF and reaches nothing else", async ({ browser }) => {
  test.setTimeout(120_000);
  const d = testDb();
  const { consultant, clientUser } = e2eState().users;

  // The consultant drafts version 1; they see no publish button.
  const cora = await as(browser, consultant);
  await openReports(cora);
  const form = cora.getByRole("region", { name: "Draft a new version" });
  await form.getByLabel("Title").fill("External perimeter assessment");
  await form.getByLabel("Classification marking").selectOption("TLP:AMBER");
  await form.getByRole("button", { name: "Draft report" }).click();
  await expect(cora.getByText("Drafted version 1.")).toBeVisible();
  const row = cora.getByTestId("report-v1");
  await expect(row).toContainText("draft");
  await expect(row.getByRole("button", { name: "Publish v1" })).toHaveCount(0);
  const drafted = await d.reportVersion.findFirstOrThrow({ where: { engagementId: engagement.id, version: 1 } });
  expect(drafted).toMatchObject({ status: "DRAFT", draftedById: consultant.id, classification: "TLP:AMBER", sha256: null });

  // The client sees no trace of the draft anywhere.
  const cliff = await as(browser, clientUser);
  await expect(cliff).toHaveURL(/\/portal$/);
  expect((await cliff.request.get(`/api/reports/${drafted.id}/pdf`)).status()).toBe(404);
  expect((await cliff.request.get(`/api/reports/${drafted.id}/preview`)).status()).toBe(404);

  // A reviewer who did not draft it publishes it.
  const rhea = await as(browser, reviewer);
  await openReports(rhea);
  await rhea.getByTestId("report-v1").getByRole("button", { name: "Publish v1" }).click();
  await expect(rhea.getByText(/Published version 1: \d+ pages, sha256 [0-9a-f]{64}\./)).toBeVisible({ timeout: 60_000 });
  await expect(rhea.getByTestId("report-v1")).toContainText("published");
  await expect(rhea.getByTestId("report-v1")).toContainText("Rhea Reviewer");
  const published = await d.reportVersion.findUniqueOrThrow({ where: { id: drafted.id }, omit: { pdf: false } });
  expect(published).toMatchObject({ status: "PUBLISHED", publishedById: reviewer.id });
  expect(published.sha256).toBe(sha256(published.pdf!));

  // The client lands on the portal, downloads it: a PDF with the engagement's name, byte for byte what was published.
  await cliff.goto("/");
  await expect(cliff).toHaveURL(/\/portal$/);
  await expect(cliff.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Reports"]);
  const section = cliff.getByRole("region", { name: new RegExp(engagement.name) });
  await expect(section).toContainText(published.sha256!);
  const [download] = await Promise.all([cliff.waitForEvent("download"), section.getByRole("link", { name: "Download v1 PDF" }).click()]);
  const tag = engagement.name.split(" ").at(-1)!;
  expect(download.suggestedFilename()).toBe(`Acme-report-${tag}-report-v1.pdf`);
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(sha256(file)).toBe(published.sha256);
  let text = "";
  try {
    text = execFileSync("pdftotext", ["-", "-"], { input: file, encoding: "utf8" });
  } catch {
    test.info().annotations.push({ type: "note", description: "pdftotext (poppler-utils) missing: checked the filename and the bytes only" });
  }
  if (text) expect(text.replace(/\s+/g, " ")).toContain(engagement.name);
  const downloads = await d.auditLog.findMany({ where: { action: "report.download", target: `report:${drafted.id}` } });
  expect(downloads.map((r) => r.actorId)).toEqual([clientUser.id]);

  // Their engagement page shows the report and nothing of the working material.
  await cliff.goto(`/engagements/${engagement.id}`);
  await expect(cliff.getByRole("heading", { level: 1, name: engagement.name })).toBeVisible();
  await expect(cliff.getByRole("link", { name: "Download v1 PDF" })).toBeVisible();
  await expect(cliff.getByText("db-01.acme.test")).toHaveCount(0);
  await expect(cliff.getByRole("region", { name: /Hosts|Findings|Members|Audits/ })).toHaveCount(0);

  // Hosts, findings and another tenant's report: all 404.
  for (const url of [`/engagements/${engagement.id}/findings`, `/engagements/${engagement.id}/hosts/${hostId}`]) {
    const response = await cliff.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(cliff.getByText("Redis reachable")).toHaveCount(0);
  }
  const foreign = await cliff.request.get(`/api/reports/${foreignReportId}/pdf`);
  const missing = await cliff.request.get(`/api/reports/cmissing0000000000000000x/pdf`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toEqual(await missing.json());
  expect(await d.auditLog.count({ where: { target: `report:${foreignReportId}` } })).toBe(0);

  // Exports are for the team: the reviewer gets the files, the client does not.
  for (const [format, type, name] of [["json", "application/json", "palisade-export.json"], ["csv", "text/csv", "findings.csv"], ["defectdojo", "application/json", "defectdojo-generic-findings.json"]] as const) {
    const ok = await rhea.request.get(`/api/engagements/${engagement.id}/exports/${format}`);
    expect(ok.status(), format).toBe(200);
    expect(ok.headers()["content-type"]).toContain(type);
    expect(ok.headers()["content-disposition"]).toBe(`attachment; filename="Acme-report-${tag}-${name}"`);
    expect((await cliff.request.get(`/api/engagements/${engagement.id}/exports/${format}`)).status()).toBe(403);
  }

  // Someone with database access swaps a byte of the stored PDF: the client is refused the file, told why, and the refusal is logged.
  await d.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "ReportVersion" DISABLE TRIGGER "ReportVersion_published_immutable"`);
    await tx.$executeRaw`UPDATE "ReportVersion" SET "pdf" = overlay("pdf" placing '\x20'::bytea from 300 for 1) WHERE "id" = ${drafted.id}`;
    await tx.$executeRawUnsafe(`ALTER TABLE "ReportVersion" ENABLE TRIGGER "ReportVersion_published_immutable"`);
  });
  const tampered = await cliff.request.get(`/api/reports/${drafted.id}/pdf`);
  expect(tampered.status()).toBe(500);
  expect(tampered.headers()["content-type"]).toContain("application/json");
  expect(((await tampered.json()) as { error: string }).error).toMatch(/does not match the sha256 recorded when it was published: it may have been tampered with/);
  expect(await d.auditLog.count({ where: { action: "report.download-refused", target: `report:${drafted.id}`, actorId: clientUser.id } })).toBe(1);
});
