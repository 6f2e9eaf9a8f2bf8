import { appendObjects, flateStream, readStream, ref, type TPdf } from "./pdf-objects";
import { DIGITS_SAMPLE } from "./template/toc";

// Writes the contents' page numbers into the PDF Chromium printed, so the
// report is printed once (see render-report-pdf.ts). Each contents entry's page
// cell prints DIGITS_SAMPLE (toc.tsx) right-aligned in the cell's own font: that puts
// every digit's glyph into the font subset Chromium embeds and tells this file
// which glyph is which digit and where the cell's right edge and baseline are.
// Each sample's text run on the contents page is then replaced by the entry's
// number, right-aligned to the same edge, in the same font, size and colour,
// as an incremental update: only the contents page's content stream is
// rewritten; its link annotations and every other page stay byte for byte.

type TFont = { unicode: Map<number, string>; width: (gid: number) => number };

const hexGlyphs = (hex: string) => Array.from({ length: hex.length / 4 }, (_, i) => parseInt(hex.slice(i * 4, i * 4 + 4), 16));

const utf16 = (hex: string) => String.fromCharCode(...hexGlyphs(hex));

// A ToUnicode CMap's bfchar and bfrange entries (what Skia writes).
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [lo, hi, first] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), utf16(m[3]!)];
      const base = first.charCodeAt(first.length - 1);
      for (let g = lo; g <= hi; g++) map.set(g, first.slice(0, -1) + String.fromCharCode(base + g - lo));
    }
  }
  return map;
}

// A CIDFont's /W array: `c [w1 w2 ...]` and `cFirst cLast w`, in 1/1000 em.
function parseWidths(cidFont: string): (gid: number) => number {
  const dw = Number(/\/DW\s+(\d+)/.exec(cidFont)?.[1] ?? 1000);
  const w = /\/W\s*\[((?:[^[\]]|\[[^\]]*\])*)\]/.exec(cidFont)?.[1] ?? "";
  const widths = new Map<number, number>();
  const tokens = w.match(/\[[^\]]*\]|[\d.]+/g) ?? [];
  for (let i = 0; i < tokens.length; ) {
    const first = Number(tokens[i]);
    if (tokens[i + 1]?.startsWith("[")) {
      tokens[i + 1]!.slice(1, -1).trim().split(/\s+/).forEach((v, k) => widths.set(first + k, Number(v)));
      i += 2;
    } else {
      for (let c = first; c <= Number(tokens[i + 1]); c++) widths.set(c, Number(tokens[i + 2]));
      i += 3;
    }
  }
  return (gid) => widths.get(gid) ?? dw;
}

function pageFonts(pdf: TPdf, pageDict: string): Map<string, TFont> | null {
  const fontDict = /\/Font\s*<<([^>]*)>>/.exec(pageDict)?.[1];
  if (fontDict === undefined) return null;
  const fonts = new Map<string, TFont>();
  for (const m of fontDict.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) {
    const font = pdf.objects.get(Number(m[2]))?.dict ?? "";
    const toUnicode = ref(font, "ToUnicode");
    const descendant = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(font)?.[1];
    const cmap = toUnicode === null ? null : readStream(pdf, toUnicode);
    if (!/\/Identity-H\b/.test(font) || !cmap || !descendant) continue;
    fonts.set(m[1]!, { unicode: parseToUnicode(cmap.toString("latin1")), width: parseWidths(pdf.objects.get(Number(descendant))?.dict ?? "") });
  }
  return fonts;
}

const NUM = String.raw`-?(?:\d+\.?\d*|\.\d+)`;
const fmt = (n: number) => String(Math.round(n * 1e4) / 1e4);

// One text object as Skia writes it for a run of text: a font, a matrix, then
// glyph strings, each after an optional move to where it starts.
const RUN = new RegExp(String.raw`^/(\S+) (${NUM}) Tf\n(${NUM}) (${NUM}) (${NUM}) (${NUM}) (${NUM}) (${NUM}) Tm\n((?:(?:${NUM} ${NUM} Td )?<[0-9A-Fa-f]*> Tj\n?)+)$`);

type TRewrite = { text: string; replaced: number } | { unsupported: string };

function rewritePage(content: string, fonts: Map<string, TFont>, numbers: number[]): TRewrite {
  let replaced = 0;
  let problem: string | null = null;
  const text = content.replace(/BT\n([\s\S]*?)\nET/g, (block, body: string) => {
    const font = fonts.get(/^\/(\S+) /.exec(body)?.[1] ?? "");
    const glyphs = [...body.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].flatMap((m) => hexGlyphs(m[1]!));
    if (!font || glyphs.map((g) => font.unicode.get(g) ?? "\uFFFD").join("") !== DIGITS_SAMPLE) return block;
    const run = RUN.exec(body);
    if (!run || run[3] !== "1" || run[4] !== "0" || run[5] !== "0") return ((problem ??= "a contents sample is not a plain text run"), block);
    if (replaced >= numbers.length) return ((problem ??= "more contents samples than entries"), block);
    const [, name, size, , , , d, e, f, ops] = run;
    // Where the sample ends: each Td moves from the previous string's start, the last string advances by its widths.
    let lineX = 0;
    let end = 0;
    for (const op of ops!.matchAll(new RegExp(String.raw`(?:(${NUM}) ${NUM} Td )?<([0-9A-Fa-f]*)> Tj`, "g"))) {
      lineX += Number(op[1] ?? 0);
      end = lineX + hexGlyphs(op[2]!).reduce((w, g) => w + (font.width(g) * Number(size)) / 1000, 0);
    }
    const digitGlyph = glyphs; // DIGITS_SAMPLE is "0".."9" in order: digit d is glyphs[d]
    const number = [...String(numbers[replaced++])].map((c) => digitGlyph[Number(c)]!);
    const width = number.reduce((w, g) => w + (font.width(g) * Number(size)) / 1000, 0);
    const hex = number.map((g) => g.toString(16).toUpperCase().padStart(4, "0")).join("");
    return `BT\n/${name} ${size} Tf\n1 0 0 ${d} ${fmt(Number(e) + end - width)} ${f} Tm\n<${hex}> Tj\nET`;
  });
  return problem ? { unsupported: problem } : { text, replaced };
}

// pages: the page objects the contents may be on; numbers: each entry's page, in contents order.
export function writeContentsNumbers(pdf: TPdf, pages: number[], numbers: number[]): { pdf: Buffer } | { unsupported: string } {
  const updates = new Map<number, string>();
  let written = 0;
  for (const page of pages) {
    const dict = pdf.objects.get(page)?.dict ?? "";
    const contents = ref(dict, "Contents");
    const fonts = pageFonts(pdf, dict);
    const stream = contents === null ? null : readStream(pdf, contents);
    if (!stream || !fonts) return { unsupported: `page object ${page} has no single Flate content stream or no inline fonts` };
    const result = rewritePage(stream.toString("latin1"), fonts, numbers.slice(written));
    if ("unsupported" in result) return result;
    if (result.replaced === 0) continue;
    written += result.replaced;
    updates.set(contents!, flateStream(Buffer.from(result.text, "latin1")));
  }
  if (written !== numbers.length) return { unsupported: `found ${written} contents samples for ${numbers.length} entries` };
  return { pdf: appendObjects(pdf, updates) };
}
