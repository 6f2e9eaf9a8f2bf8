import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { TReportModel } from "../report-model";

// Chromium's running header and footer (page.pdf's headerTemplate and
// footerTemplate). They are separate documents drawn in the page margins: no
// page CSS reaches them, font sizes must be set, and Chromium fills the
// pageNumber / totalPages spans. Rendered with React so names are escaped.

const box = { fontFamily: "Geist, sans-serif", fontSize: "7.5pt", color: "#5b6478", width: "100%", padding: "0 18mm", display: "flex", justifyContent: "space-between", alignItems: "center" } as const;

export function headerTemplate(model: TReportModel): string {
  return renderToStaticMarkup(
    createElement("div", { style: { ...box, paddingTop: "9mm" } },
      createElement("span", null, `${model.client.name} — ${model.engagement.name}`),
      createElement("span", { style: { fontWeight: 700, color: "#b42318", letterSpacing: "0.12em", textTransform: "uppercase" } }, model.report.classification),
    ),
  );
}

export function footerTemplate(model: TReportModel): string {
  return renderToStaticMarkup(
    createElement("div", { style: { ...box, paddingBottom: "7mm" } },
      createElement("span", null, `${model.report.title} · version ${model.report.version}${model.report.publishedAt ? "" : " (draft)"}`),
      createElement("span", null, "Page ", createElement("span", { className: "pageNumber" }), " of ", createElement("span", { className: "totalPages" })),
    ),
  );
}
