import type { TReportModel } from "../report-model";
import { SEVERITIES, SEVERITY_WORD } from "../words";

// The table of contents: its entries come from the model alone (never from
// where things land), so the second render pass changes only the numbers.
export type TTocEntry = { id: string; num: string; title: string; level: 1 | 2 };

export function tocEntries(model: TReportModel): TTocEntry[] {
  const entries: TTocEntry[] = [
    { id: "sec-summary", num: "1", title: "Executive summary", level: 1 },
    { id: "sec-scope", num: "2", title: "Scope and method", level: 1 },
    { id: "sec-findings", num: "3", title: "Findings", level: 1 },
  ];
  let sub = 0;
  for (const s of SEVERITIES) {
    const n = model.findings.filter((f) => f.severity === s).length;
    if (n > 0) entries.push({ id: `sec-findings-${s.toLowerCase()}`, num: `3.${++sub}`, title: `${SEVERITY_WORD[s]} (${n.toLocaleString("en-GB")})`, level: 2 });
  }
  entries.push(
    { id: "sec-hardening", num: "4", title: "Hardening done", level: 1 },
    { id: "sec-accepted", num: "5", title: "Accepted risks", level: 1 },
    { id: "sec-open", num: "6", title: "Open items", level: 1 },
    { id: "sec-drift", num: "7", title: "Drift since the baseline", level: 1 },
    { id: "sec-signoff", num: "8", title: "Sign-off", level: 1 },
    { id: "sec-evidence", num: "A", title: "Appendix: evidence index", level: 1 },
  );
  return entries;
}

// What each entry's page cell prints until the numbers are known: every digit,
// in the cell's font, right-aligned to the cell's edge (it overflows to the
// left). lib/report/pdf-contents-numbers.ts finds these runs in the printed
// PDF and draws each entry's number in their place, in that font's glyphs.
export const DIGITS_SAMPLE = "0123456789";

// pages: the page each entry starts on when known (only the fallback second
// print knows them, see render-report-pdf.ts); null prints DIGITS_SAMPLE.
export function Toc({ entries, pages }: { entries: TTocEntry[]; pages: Map<string, number> | null }) {
  return (
    <section className="section toc">
      <h1>Contents</h1>
      <ol>
        {entries.map((e) => (
          <li key={e.id} className={`level-${e.level}`}>
            <span className="num">{e.num}</span>
            <a href={`#${e.id}`}>{e.title}</a>
            <span className="leader" />
            <a className="page" href={`#${e.id}`}>
              {pages?.get(e.id) ?? DIGITS_SAMPLE}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
