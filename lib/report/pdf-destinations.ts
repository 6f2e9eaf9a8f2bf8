// Reads two things back from a PDF Chromium just printed: its pages in order,
// and which page each named destination (the target of an internal link such
// as the contents' <a href="#sec-findings">) lands on. Chromium has no CSS
// target-counter(), so this is how the table of contents learns its page
// numbers (see render-report-pdf.ts). Chromium's PDF writer (Skia) keeps the
// catalog, page tree and /Dests dictionary as plain, uncompressed objects.
import { openPdf, pageObjects, ref, type TPdf } from "./pdf-objects";

// PDF names escape bytes as #xx.
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// pages: the page objects' numbers in reading order.
export type TPdfStructure = { pageCount: number; pages: number[]; destinations: Map<string, number> };

export function readPdfStructure(bytes: Uint8Array | TPdf): TPdfStructure {
  const pdf = bytes instanceof Uint8Array ? openPdf(bytes) : bytes;
  const { catalog, pages } = pageObjects(pdf);
  const pageNumber = new Map(pages.map((id, i) => [id, i + 1]));

  const destinations = new Map<string, number>();
  const destsId = ref(catalog, "Dests");
  const dests = destsId === null ? "" : (pdf.objects.get(destsId)?.dict ?? "");
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) destinations.set(decodeName(m[1]!), page);
  }
  return { pageCount: pages.length, pages, destinations };
}
