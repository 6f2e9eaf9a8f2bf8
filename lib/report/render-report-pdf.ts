import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "@/lib/server/chromium";
import { env } from "@/lib/server/env";
import { writeContentsNumbers } from "./pdf-contents-numbers";
import { readPdfStructure } from "./pdf-destinations";
import { openPdf } from "./pdf-objects";
import { renderReportHtml } from "./render-report-html";
import type { TReportModel } from "./report-model";
import { tocEntries } from "./template/toc";

export type TRenderOptions = {
  // Chromium to drive; defaults to PLAYWRIGHT_CHROMIUM_PATH, then /usr/bin/chromium.
  executablePath?: string;
  // PDF bookmarks from the headings. Off by default: they need a tagged PDF,
  // which Chromium prints about 40% slower and more than twice as large.
  outline?: boolean;
  // Print a second time with the numbers in the page instead of writing them
  // into the first print: what happens anyway when the PDF is not one
  // pdf-contents-numbers.ts can update. For tests comparing the two.
  reprintContents?: boolean;
};

function landedPages(destinations: Map<string, number>, wanted: string[]) {
  const missing = wanted.filter((id) => !destinations.has(id));
  if (missing.length > 0) throw new Error(`Report rendering lost its contents targets: ${missing.join(", ")}`);
  return new Map(wanted.map((id) => [id, destinations.get(id)!]));
}

const sameNumbers = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

// The running header and footer are the document's own @page margin boxes
// (template/running-header.ts), not page.pdf's header/footer templates.
function print(page: Page, outline: boolean) {
  return page.pdf({ preferCSSPageSize: true, printBackground: true, outline, tagged: outline });
}

// Fallback: writes the numbers into the contents' page column of the document
// already loaded, for a second print. This runs in Playwright's utility world:
// the page's own scripting stays off.
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

// Report model -> PDF bytes through headless Chromium, printed once. Pure of the database.
//
// The table of contents needs the page each section starts on, which only
// Chromium's layout knows, and Chromium has no target-counter(). So the page
// column prints a sample of every digit (toc.tsx), this reads from the PDF
// which page each contents link's destination landed on (its named
// destinations, pdf-destinations.ts), and pdf-contents-numbers.ts replaces
// each sample with its number in the same font: nothing is laid out again, so
// nothing can move. A PDF that file cannot update (another Chromium's writer)
// is printed a second time with the numbers in the page instead, and that
// print's destinations must agree with the numbers.
export async function renderReportPdf(model: TReportModel, options: TRenderOptions = {}): Promise<{ pdf: Buffer; pageCount: number; reprinted?: string }> {
  const executablePath = options.executablePath ?? findChromium({ envPath: env.PLAYWRIGHT_CHROMIUM_PATH })?.executablePath;
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const outline = options.outline ?? false;
  const wanted = tocEntries(model).map((e) => e.id);

  // Chromium starts up in its own processes while this one lays out the HTML.
  const launching = chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  let html: string;
  try {
    html = renderReportHtml(model, null);
  } catch (error) {
    await (await launching).close();
    throw error;
  }
  const browser = await launching;
  try {
    // No script runs in the report, and nothing is fetched: every resource is inline.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route("**/*", (route) => route.abort("blockedbyclient"));
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });

    await page.setContent(html, { waitUntil: "load" });
    // The fonts are data URLs, but decoding is still asynchronous: print only once they are in.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    const pdf = openPdf(await print(page, outline));
    const structure = readPdfStructure(pdf);
    const numbers = landedPages(structure.destinations, wanted);
    // The contents lies between the cover and the first section.
    const contentsPages = structure.pages.slice(0, Math.min(...numbers.values()) - 1);
    const written = options.reprintContents ? { unsupported: "asked to" } : writeContentsNumbers(pdf, contentsPages, wanted.map((id) => numbers.get(id)!));
    if ("pdf" in written) return { pdf: written.pdf, pageCount: structure.pageCount };

    await fillContents(page, numbers);
    const again = await print(page, outline);
    const check = readPdfStructure(again);
    if (!sameNumbers(numbers, landedPages(check.destinations, wanted))) throw new Error("Report rendering: filling in the contents moved its sections");
    return { pdf: again, pageCount: check.pageCount, reprinted: written.unsupported };
  } finally {
    await browser.close();
  }
}
