import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { TReportModel } from "./report-model";
import { ReportDocument } from "./template/report-document";

// Report model -> one HTML document (no script, every resource inline).
// tocPages: the page each contents entry starts on, from a first render; null
// prints placeholders of the same width.
export function renderReportHtml(model: TReportModel, tocPages: Map<string, number> | null = null): string {
  return `<!doctype html>${renderToStaticMarkup(createElement(ReportDocument, { model, tocPages }))}`;
}
