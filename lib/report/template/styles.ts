// Print CSS for the report. Page size and margins come from @page (and
// page.pdf's preferCSSPageSize); the running header and page numbers are
// page-margin boxes (running-header.ts) in the top and bottom margins set here.

export const SEVERITY_COLOUR = { CRITICAL: "#b42318", HIGH: "#d9480f", MEDIUM: "#b7791f", LOW: "#2f6fb0" } as const;

export const REPORT_CSS = `
@page { size: A4; margin: 24mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Geist", sans-serif; font-size: 9.5pt; line-height: 1.45; color: #1d2433; }
h1, h2, h3, h4 { font-weight: 600; color: #0e1a33; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 19pt; margin: 0 0 5mm; padding-bottom: 2.5mm; border-bottom: 1.5pt solid #0e1a33; letter-spacing: -0.01em; }
h2 { font-size: 13.5pt; margin: 7mm 0 3mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; color: #36415a; }
h4 { font-size: 9.5pt; margin: 3mm 0 1mm; text-transform: uppercase; letter-spacing: 0.06em; color: #5b6478; font-weight: 600; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
a { color: inherit; text-decoration: none; }
.section { break-before: page; page-break-before: always; }
.muted { color: #5b6478; }
.small { font-size: 8.5pt; }
.nowrap { white-space: nowrap; }
code, pre, .mono { font-family: "Geist Mono", monospace; }
code { font-size: 8.5pt; background: #f1f3f7; padding: 0 1mm; border-radius: 1mm; overflow-wrap: anywhere; }
/* Host output: wrapped at any character so a long line never runs off the page, but never
   hyphenated or cut inside a character. */
pre { font-size: 7.8pt; line-height: 1.4; margin: 0 0 2.5mm; padding: 2mm 2.5mm; background: #f6f7f9; border: 0.5pt solid #dde1e8;
      border-left: 2pt solid #9aa3b5; white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; hyphens: none; }
pre.command { background: #0e1a33; color: #e8ecf4; border: none; border-left: 2pt solid #4a5b80; }

table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 600; color: #36415a; background: #eef1f6; border-bottom: 1pt solid #c4cad6; padding: 1.5mm 2mm; }
td { padding: 1.5mm 2mm; border-bottom: 0.5pt solid #e1e5ec; vertical-align: top; overflow-wrap: anywhere; }
table.kv { width: auto; min-width: 60%; }
table.kv th { background: none; border: none; width: 38mm; padding-left: 0; color: #5b6478; font-weight: 500; }
table.kv td { border: none; }

.badge { display: inline-block; padding: 0.3mm 2mm; border-radius: 1mm; font-size: 7.5pt; font-weight: 600; letter-spacing: 0.04em;
         text-transform: uppercase; color: #fff; white-space: nowrap; }
.sev-CRITICAL { background: ${SEVERITY_COLOUR.CRITICAL}; }
.sev-HIGH { background: ${SEVERITY_COLOUR.HIGH}; }
.sev-MEDIUM { background: ${SEVERITY_COLOUR.MEDIUM}; }
.sev-LOW { background: ${SEVERITY_COLOUR.LOW}; }
.status { display: inline-block; padding: 0.3mm 2mm; border-radius: 1mm; font-size: 7.5pt; border: 0.5pt solid #b8bfcc; color: #36415a; white-space: nowrap; }

/* Cover */
.cover { height: 245mm; display: flex; flex-direction: column; }
.cover .brand { font-size: 10pt; font-weight: 700; letter-spacing: 0.32em; color: #0e1a33; }
.cover .rule { height: 3pt; background: #0e1a33; margin: 4mm 0 30mm; width: 30mm; }
.cover .kind { font-size: 11pt; text-transform: uppercase; letter-spacing: 0.14em; color: #5b6478; margin-bottom: 4mm; }
.cover .title { font-size: 28pt; font-weight: 700; line-height: 1.15; color: #0e1a33; margin: 0 0 6mm; letter-spacing: -0.015em; }
.cover .client { font-size: 15pt; font-weight: 500; color: #36415a; margin-bottom: 1mm; }
.cover .engagement { font-size: 11pt; color: #5b6478; }
.cover .meta { margin-top: auto; border-top: 0.5pt solid #c4cad6; padding-top: 4mm; }
.cover .meta table.kv th { width: 42mm; }
.cover .marking { margin-top: 6mm; padding: 3mm; text-align: center; font-weight: 700; letter-spacing: 0.2em; text-transform: uppercase;
                  border: 1.5pt solid #b42318; color: #b42318; font-size: 10pt; }
.cover .draft { margin-top: 3mm; text-align: center; color: #b7791f; font-weight: 600; font-size: 9pt; }

/* Table of contents: the page column has a fixed width, so what it holds cannot move anything.
   Until the numbers are known it holds every digit (toc.tsx's DIGITS_SAMPLE), which flex-end
   aligns to the column's right edge, overflowing to the left (see pdf-contents-numbers.ts). */
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { display: flex; align-items: baseline; padding: 1.2mm 0; break-inside: avoid; }
.toc li.level-1 { font-weight: 600; font-size: 10.5pt; margin-top: 2mm; }
.toc li.level-2 { padding-left: 7mm; color: #36415a; }
.toc .leader { flex: 1; border-bottom: 0.8pt dotted #9aa3b5; margin: 0 2mm; transform: translateY(-1mm); }
.toc .page { flex: none; width: 12mm; display: flex; justify-content: flex-end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.toc .num { width: 9mm; flex: none; color: #5b6478; }

/* Executive summary */
.consultant { border-left: 2pt solid #0e1a33; padding: 1mm 0 1mm 4mm; margin: 0 0 5mm; }
.consultant p:last-child { margin-bottom: 0; }
.chart { margin: 3mm 0 5mm; break-inside: avoid; }
.figures { display: flex; gap: 3mm; margin: 4mm 0 5mm; break-inside: avoid; }
.figure { flex: 1; border: 0.5pt solid #dde1e8; border-top: 2.5pt solid #0e1a33; padding: 2.5mm 3mm; }
.figure .n { font-size: 18pt; font-weight: 700; color: #0e1a33; line-height: 1.1; }
.figure .l { font-size: 8pt; color: #5b6478; }
.figure.sev-top-CRITICAL { border-top-color: ${SEVERITY_COLOUR.CRITICAL}; }
.figure.sev-top-HIGH { border-top-color: ${SEVERITY_COLOUR.HIGH}; }
.figure.sev-top-MEDIUM { border-top-color: ${SEVERITY_COLOUR.MEDIUM}; }
.figure.sev-top-LOW { border-top-color: ${SEVERITY_COLOUR.LOW}; }

/* Findings */
.severity-group { break-before: page; page-break-before: always; }
.severity-group:first-of-type { break-before: auto; page-break-before: auto; }
.host-heading { font-size: 10pt; color: #36415a; border-bottom: 0.5pt solid #c4cad6; padding-bottom: 1mm; margin-top: 6mm; }
.finding { margin: 0 0 5mm; padding-top: 1.5mm; border-top: 0.5pt solid #e1e5ec; }
.finding h4 { margin: 2mm 0 0.6mm; }
.finding p { margin-bottom: 1.5mm; }
.finding-head { break-inside: avoid; break-after: avoid; }
.finding-title { display: flex; gap: 2.5mm; align-items: baseline; margin: 1mm 0 2mm; }
.finding-title .ref { font-family: "Geist Mono", monospace; font-size: 8.5pt; color: #5b6478; flex: none; }
.finding-title h3 { margin: 0; font-size: 11pt; color: #0e1a33; flex: 1; }
.finding-meta { font-size: 8.5pt; margin: 0 0 0.8mm; }
.finding-meta > span + span::before { content: "·"; margin: 0 1.8mm; color: #9aa3b5; }
.finding-head { margin-bottom: 2mm; }
.finding table.kv th { width: 24mm; }
.finding table.kv th, .finding table.kv td, .step table.kv th, .step table.kv td { padding-top: 0.4mm; padding-bottom: 0.4mm; }
.evidence-caption { font-size: 8pt; color: #5b6478; margin: 1.5mm 0 0.8mm; break-after: avoid; }
.evidence-caption .mono { color: #36415a; }
.triage { font-size: 8.5pt; background: #f6f7f9; padding: 1.5mm 2.5mm; border-radius: 1mm; break-inside: avoid; }

/* Hardening */
.step { margin: 0 0 7mm; border-top: 0.5pt solid #c4cad6; padding-top: 2mm; }
.step .cols { display: flex; gap: 4mm; }
.step .cols > div { flex: 1; min-width: 0; }

/* Sign-off */
.signatures { display: flex; gap: 8mm; margin-top: 12mm; break-inside: avoid; }
.signature { flex: 1; }
.signature .line { border-bottom: 0.8pt solid #1d2433; height: 14mm; }
.signature .who { font-size: 8.5pt; margin-top: 1.5mm; }

.appendix td.hash { font-family: "Geist Mono", monospace; font-size: 7pt; overflow-wrap: anywhere; }
.empty { color: #5b6478; font-style: italic; }
`;
