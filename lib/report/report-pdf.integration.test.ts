import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findChromium } from "@/lib/server/chromium";
import { db } from "@/lib/server/db";
import { HOSTILE_HOST_OUTPUT, REPORT_FIXTURE_SECRETS, seedReportEngagement } from "@/lib/testing/report-factory";
import { buildReportModel } from "./build-report-model";
import { renderReportPdf } from "./render-report-pdf";
import { ZReportModel, type TReportModel } from "./report-model";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

// A report from real rows (Postgres) through real Chromium, read back with
// Debian's poppler-utils the way a client's PDF reader would see it. Page
// images of the cover and a findings page go to test-results/report-pages/
// for a person to look at (CI keeps them as artifacts).
const PAGES_DIR = path.resolve("test-results/report-pages");

function skipReason(): string | null {
  let chromium: string | null = null;
  try {
    chromium = findChromium()?.executablePath ?? null;
  } catch (error) {
    return (error as Error).message;
  }
  if (!chromium) return "no Chromium (apt-get install chromium, or set PLAYWRIGHT_CHROMIUM_PATH)";
  for (const tool of ["pdftotext", "pdftoppm"]) {
    if (spawnSync(tool, ["-v"]).error) return `${tool} missing (apt-get install poppler-utils)`;
  }
  return null;
}

const reason = skipReason();
if (reason) console.log(`report PDF integration test skipped: ${reason}`);

describe.skipIf(reason !== null)("report PDF", () => {
  let seeded: Awaited<ReturnType<typeof seedReportEngagement>>;
  let model: TReportModel;
  let pdf: Buffer;
  let pageCount: number;
  let reprinted: string | undefined;
  let text: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "palisade-report-"));

  beforeAll(async () => {
    seeded = await seedReportEngagement(db(), { findings: 40, hosts: 4 });
    model = await buildReportModel(db(), {
      engagementId: seeded.engagementId,
      version: 2,
      title: "Perimeter assessment",
      classification: "CONFIDENTIAL — CLIENT ONLY",
      summary: "Two datastores answer without a password.\n\nEverything else is routine.",
      draftedBy: { name: seeded.consultant.name, email: seeded.consultant.email },
      publishedBy: { name: seeded.reviewer.name, email: seeded.reviewer.email },
      publishedAt: new Date("2025-06-02T10:00:00Z"),
    });
    ({ pdf, pageCount, reprinted } = await renderReportPdf(model));
    fs.writeFileSync(path.join(tmp, "report.pdf"), pdf);
    // The content stream's order (-raw), which is Chromium's painting order, the document's:
    // a table cell's wrapped lines stay together, where poppler's reading-order guess
    // sometimes reads a row across its columns first.
    text = execFileSync("pdftotext", ["-raw", path.join(tmp, "report.pdf"), "-"], { maxBuffer: 64 * 2 ** 20 }).toString("utf8");
  }, 180_000);

  it("is a model of plain JSON that the schema accepts, without any credential", () => {
    expect(ZReportModel.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(model.findings).toHaveLength(40);
    expect(model.scope.hosts.every((h) => h.access === "password" && h.username === "auditor")).toBe(true);
  });

  it("is a PDF whose page count matches what it says on every page", () => {
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pageCount).toBeGreaterThan(5);
    const info = execFileSync("pdfinfo", [path.join(tmp, "report.pdf")]).toString();
    expect(info).toMatch(new RegExp(`Pages:\\s+${pageCount}\\b`));
    // The cover counts as page 1 but carries no running header or footer of its own.
    const pages = text.split("\f");
    expect(pages[0]).not.toContain("Page 1 of");
    const header = `${model.client.name} — ${model.engagement.name}`;
    expect(pages[0]!.replace(/\s+/g, " ")).not.toContain(header);
    expect(pages[1]!.replace(/\s+/g, " ")).toContain(header);
    expect(pages[1]).toContain(`Page 2 of ${pageCount}`);
    expect(text).toContain(`Page ${pageCount} of ${pageCount}`);
  });

  it("contains every finding title, every host and the sign-off names", () => {
    // pdftotext may break a long title across lines: compare with whitespace collapsed.
    const flat = text.replace(/\s+/g, " ");
    for (const f of seeded.findings) expect(flat).toContain(f.title);
    for (const h of seeded.hosts) expect(flat).toContain(h.label);
    for (const person of [seeded.consultant, seeded.reviewer, seeded.operator]) expect(flat).toContain(person.name);
    expect(flat).toContain("Reviewed and published the report");
    expect(flat).toContain("Approved a hardening step");
    expect(flat).toContain("rule exposed-unauthenticated-datastore · CWE-306");
    // The marking is letter-spaced, which pdftotext reads as separate letters.
    expect(text.replace(/\s+/g, "")).toContain("CONFIDENTIAL—CLIENTONLY");
  });

  it("never prints a secret from the fixtures: not the credential, not an old unredacted command line, not a file's old content", () => {
    for (const secret of REPORT_FIXTURE_SECRETS) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(model)).not.toContain(secret);
    }
    expect(text.replace(/\s+/g, " ")).toContain("--requirepass [REDACTED]");
  });

  it("prints host output that contains markup literally", () => {
    expect(text).toContain("<script>alert(1)</script>");
    expect(text.replace(/\s+/g, "")).toContain(HOSTILE_HOST_OUTPUT.replace(/\s+/g, ""));
  });

  it("numbers the contents with the pages the sections start on", () => {
    // The contents' entry for the appendix names the page whose text opens with its heading.
    const pages = text.split("\f");
    const contents = execFileSync("pdftotext", ["-layout", "-f", "2", "-l", "2", path.join(tmp, "report.pdf"), "-"]).toString("utf8");
    expect(contents).toContain("Contents");
    const pageOf = (title: string) => Number(new RegExp(`${title}\\s+(\\d+)\\s*$`, "m").exec(contents)?.[1]);
    for (const [title, heading] of [["Appendix: evidence index", "Appendix: evidence index"], ["Findings", "3 Findings"], ["Sign-off", "8 Sign-off"], ["Hardening done", "4 Hardening done"]]) {
      const page = pageOf(title!);
      expect(page, title).toBeGreaterThan(2);
      expect(pages[page - 1]!.split("\n").slice(0, 6).join(" "), title).toContain(heading);
    }
  });

  it("prints once: the contents numbers drawn into that print match a second print laid out with them", async () => {
    // Had the numbers not been writable into the PDF, the renderer would have printed again and said why.
    expect(reprinted).toBeUndefined();
    const second = await renderReportPdf(model, { reprintContents: true });
    expect(second.reprinted).toBe("asked to");
    fs.writeFileSync(path.join(tmp, "reprinted.pdf"), second.pdf);
    const contentsPage = (file: string) => execFileSync("pdftotext", ["-layout", "-f", "2", "-l", "2", path.join(tmp, file), "-"]).toString("utf8");
    expect(contentsPage("report.pdf")).toBe(contentsPage("reprinted.pdf"));
    // The same pixels, not only the same text: each number in the cell's font, size, colour and place.
    const gray = (file: string) => execFileSync("pdftoppm", ["-gray", "-r", "110", "-f", "2", "-l", "2", "-singlefile", path.join(tmp, file)], { maxBuffer: 16 * 2 ** 20 });
    const [a, b] = [gray("report.pdf"), gray("reprinted.pdf")];
    expect(a.length).toBe(b.length);
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) differing++;
    expect(differing).toBeLessThan(20);
    // Nothing of the digit sample the page column held during the print is left.
    expect(contentsPage("report.pdf")).not.toContain("0123456789");
  }, 120_000);

  it("writes page images of the cover, the contents and a findings page for review", () => {
    fs.mkdirSync(PAGES_DIR, { recursive: true });
    // Past the cover and the contents, whose entry reads "3 Findings" too.
    const findingsPage = text.split("\f").findIndex((p, i) => i >= 2 && p.includes("3 Findings")) + 1;
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", path.join(tmp, "report.pdf"), path.join(PAGES_DIR, "cover")]);
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", String(findingsPage), "-l", String(findingsPage), "-singlefile", path.join(tmp, "report.pdf"), path.join(PAGES_DIR, "findings")]);
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "2", "-l", "2", "-singlefile", path.join(tmp, "report.pdf"), path.join(PAGES_DIR, "contents")]);
    for (const name of ["cover.png", "contents.png", "findings.png"]) expect(fs.statSync(path.join(PAGES_DIR, name)).size).toBeGreaterThan(20_000);
  });
});
