import { describe, expect, it } from "vitest";
import { renderReportHtml } from "./render-report-html";
import { footerTemplate, headerTemplate } from "./template/header-footer";
import { tocEntries } from "./template/toc";
import { HOSTILE_OUTPUT, sampleModel } from "./testing/sample-model";

describe("report template", () => {
  const model = sampleModel(12);
  const html = renderReportHtml(model);

  it("prints host output as text: markup a host printed is escaped, never a live element", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(html).not.toContain(HOSTILE_OUTPUT.split("\n")[0]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
  });

  it("escapes names in the running header and footer, which are HTML templates", () => {
    expect(headerTemplate(model)).toContain("Acme &lt;Widgets&gt; &amp; Co");
    expect(footerTemplate(model)).toContain('class="pageNumber"');
    expect(footerTemplate(model)).toContain('class="totalPages"');
  });

  it("fetches nothing: fonts are embedded and no element points outside the document", () => {
    expect(html).toMatch(/@font-face\{font-family:"Geist";[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!data:)/);
  });

  it("repeats table headers on every page and wraps evidence without overflowing", () => {
    expect(html).toContain("thead { display: table-header-group; }");
    expect(html).toMatch(/pre \{[^}]*white-space: pre-wrap;[^}]*overflow-wrap: anywhere;/);
  });

  it("links every contents entry to an element that exists, and prints placeholders until numbers are known", () => {
    for (const e of tocEntries(model)) {
      expect(html).toContain(`id="${e.id}"`);
      expect(html).toContain(`href="#${e.id}"`);
    }
    const numbered = renderReportHtml(model, new Map(tocEntries(model).map((e, i) => [e.id, 40 + i])));
    expect(numbered).toContain(`href="#sec-summary">40</a>`);
  });

  it("shows every finding, the sign-off names and the classification", () => {
    for (const f of model.findings) expect(html).toContain(f.ref);
    expect(html).toContain("Rita Reviewer");
    expect(html).toContain("Carla Consultant");
    expect(html).toContain("CONFIDENTIAL");
  });
});
