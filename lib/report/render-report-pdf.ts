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

const sameNumbers = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

async function print(page: Page, model: TReportModel, html: string, outline: boolean) {
  await page.setContent(html, { waitUntil: "load" });
  // The fonts are data URLs, but decoding is still asynchronous: print only once they are in.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(model),
    footerTemplate: footerTemplate(model),
    outline,
    tagged: outline,
  });
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

    let numbers: Map<string, number> | null = null;
    for (let pass = 0; pass <= MAX_NUMBERING_PASSES; pass++) {
      const pdf = await print(page, model, renderReportHtml(model, numbers), outline);
      const { pageCount, destinations } = readPdfStructure(pdf);
      const missing = wanted.filter((id) => !destinations.has(id));
      if (missing.length > 0) throw new Error(`Report rendering lost its contents targets: ${missing.join(", ")}`);
      const landed = new Map(wanted.map((id) => [id, destinations.get(id)!]));
      if (numbers && sameNumbers(numbers, landed)) return { pdf, pageCount };
      numbers = landed;
    }
    throw new Error(`The table of contents did not settle after ${MAX_NUMBERING_PASSES + 1} renders`);
  } finally {
    await browser.close();
  }
}
