import type { TReportModel } from "../report-model";

// The running header and footer as CSS page-margin boxes (@top-left ...
// @bottom-right), which Chromium lays out with the document's own fonts and
// counters. page.pdf's header/footer templates would do the same, but they are
// a separate document laid out again for every page (a third of a 300-page
// print's time) and cannot see the embedded fonts. The cover carries its own
// names and marking, so it has none of these; it still counts as page 1.

// A CSS string literal holding `text` whatever it contains: every character
// but a letter or digit is a 6-digit escape, so nothing from the model can end
// the string, the rule or the <style> element. Spaces too: CSS takes one
// whitespace after an escape as the escape's end.
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/^[A-Za-z0-9]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16).padStart(6, "0")}`)).join("")}"`;
}

const BOX = `font-family: "Geist", sans-serif; font-size: 7.5pt; font-weight: 400; color: #5b6478;`;
// Where the old header and footer templates put their text: 9 mm from the top edge, 7 mm from the bottom one.
const TOP = `${BOX} vertical-align: top; padding-top: 9mm;`;
const BOTTOM = `${BOX} vertical-align: bottom; padding-bottom: 7mm;`;

export function runningHeaderCss(model: TReportModel): string {
  const left = cssString(`${model.client.name} — ${model.engagement.name}`);
  const marking = cssString(model.report.classification);
  const title = cssString(`${model.report.title} · version ${model.report.version}${model.report.publishedAt ? "" : " (draft)"}`);
  return `@page {
  @top-left { content: ${left}; ${TOP} }
  @top-right { content: ${marking}; ${TOP} font-weight: 700; color: #b42318; letter-spacing: 0.12em; text-transform: uppercase; }
  @bottom-left { content: ${title}; ${BOTTOM} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${BOTTOM} }
}
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}`;
}
