import { describe, expect, it } from "vitest";
import { renderReportHtml } from "./render-report-html";
import { runningHeaderCss } from "./template/running-header";
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

  it("puts names in the running header as CSS strings nothing in them can end", () => {
    const hostile = { ...model, client: { ...model.client, name: `Evil"; } @page { @top-left { content: "x" } } </style><script>alert(3)</script>\\` } };
    const css = runningHeaderCss(hostile);
    // Outside the escapes, only the CSS this file wrote: one @page rule with four boxes, one that
    // empties them on the cover, no markup.
    expect(css.replace(/\\[0-9a-f]{6}/g, "")).not.toMatch(/[<>\\]|Evil"|\} @page/);
    expect(css.match(/@page/g)).toHaveLength(2);
    expect(css.match(/content:/g)).toHaveLength(8);
    expect(css.match(/content: none;/g)).toHaveLength(4);
    expect(renderReportHtml(hostile)).not.toMatch(/<script|<\/style><script/i);
    // The escapes spell the name back exactly, read as CSS reads them (one whitespace after an escape ends it).
    const left = /@top-left \{ content: ("[^"]*");/.exec(css)![1]!;
    expect(left.slice(1, -1).replace(/\\([0-9a-f]{1,6})[ \t\n]?/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))).toBe(`${hostile.client.name} — ${model.engagement.name}`);
    expect(css).toContain('"Page " counter(page) " of " counter(pages)');
  });

  it("fetches nothing: fonts are embedded and no element points outside the document", () => {
    expect(html).toMatch(/@font-face\{font-family:"Geist";[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!data:)/);
  });

  it("names each finding's rule and its CWE", () => {
    expect(html).toContain('<span>rule <span class="mono">exposed-unauthenticated-datastore</span></span><span>CWE-306</span>');
    const stateOnly = renderReportHtml({ ...model, findings: model.findings.map((f) => ({ ...f, ruleId: "loopback-only-listener", cwe: null })) });
    expect(stateOnly).not.toContain("CWE-");
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
