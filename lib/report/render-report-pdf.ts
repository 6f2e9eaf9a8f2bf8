import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "@/lib/server/chromium";
import { env } from "@/lib/server/env";
import { readPdfStructure } from "./pdf-destinations";
import { renderReportHtml } from "./render-report-html";
import type { TReportModel } from "./report-model";
import { footerTemplate, headerTemplate } from "./template/header-footer";
import { tocEntries } from "./template/toc";

export type TRenderOptions = {
  // Chromium to drive; defaults to PLAYWRIGHT_CHROMIUM_PATH, then /usr/bin/chromium.
  executablePath?: string;
  // PDF bookmarks from the headings (needs a tagged PDF: larger and slower to print).
  outline?: boolean;
};

// Passes after the first before giving up on the contents settling. One is
// enough in practice: the second render differs only in the digits of a
// fixed-width column.
const MAX_NUMBERING_PASSES = 3;

function landedPages(destinations: Map<string, number>, wanted: string[]) {
  const missing = wanted.filter((id) => !destinations.has(id));
  if (missing.length > 0) throw new Error(`Report rendering lost its contents targets: ${missing.join(", ")}`);
  return new Map(wanted.map((id) => [id, destinations.get(id)!]));
}

const sameNumbers = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

// Only the final print carries the running header and footer (Chromium draws
// them once per page, a sizeable share of a 300-page print) and, when asked,
// the tagged structure an outline needs. Neither moves anything: the margins
// they are drawn in come from @page, and tagging does not change layout.
function print(page: Page, model: TReportModel, final: boolean, outline: boolean) {
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: final,
    headerTemplate: headerTemplate(model),
    footerTemplate: footerTemplate(model),
    outline: final && outline,
    tagged: final && outline,
  });
}

// The second pass writes the numbers into the contents' page column of the
// document already loaded, instead of parsing and styling 1 MB of HTML again.
// This runs in Playwright's utility world: the page's own scripting stays off.
async function fillContents(page: Page, numbers: Map<string, number>) {
  const missing = await page.evaluate((entries) => {
    let unmatched = 0;
    for (const [id, n] of entries) {
      const cell = document.querySelector(`.toc a.page[href="#${id}"]`);
      if (cell) cell.textContent = String(n);
      else unmatched++;
    }
    return unmatched;
  }, [...numbers]);
  if (missing > 0) throw new Error("Report rendering: the contents lost entries between passes");
}

// Report model -> PDF bytes through headless Chromium. Pure of the database.
//
// The table of contents needs the page each section starts on, which only
// Chromium's layout knows, and Chromium has no target-counter(). So: render
// once with placeholders in the contents' fixed-width page column, read from
// that PDF which page each contents link's destination landed on (its named
// destinations, lib/report/pdf-destinations.ts), render again with those
// numbers, and check the second PDF's destinations agree. The contents' entries
// come from the model, never from the layout, so its length cannot change
// between passes; the check guards the assumption instead of trusting it.
export async function renderReportPdf(model: TReportModel, options: TRenderOptions = {}): Promise<{ pdf: Buffer; pageCount: number }> {
  const executablePath = options.executablePath ?? findChromium({ envPath: env.PLAYWRIGHT_CHROMIUM_PATH })?.executablePath;
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const outline = options.outline ?? true;
  const wanted = tocEntries(model).map((e) => e.id);

  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  try {
    // No script runs in the report, and nothing is fetched: every resource is inline.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route("**/*", (route) => route.abort("blockedbyclient"));
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });

    await page.setContent(renderReportHtml(model, null), { waitUntil: "load" });
    // The fonts are data URLs, but decoding is still asynchronous: print only once they are in.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    // The final print is checked like the first: its destinations must land where the numbers say.
    let numbers: Map<string, number> | null = null;
    for (let pass = 0; pass <= MAX_NUMBERING_PASSES; pass++) {
      if (numbers) await fillContents(page, numbers);
      const final = numbers !== null;
      const pdf = await print(page, model, final, outline);
      const structure = readPdfStructure(pdf);
      const landed = landedPages(structure.destinations, wanted);
      if (numbers && sameNumbers(numbers, landed)) return { pdf, pageCount: structure.pageCount };
      numbers = landed;
    }
    throw new Error(`The table of contents did not settle after ${MAX_NUMBERING_PASSES + 1} renders`);
  } finally {
    await browser.close();
  }
}
