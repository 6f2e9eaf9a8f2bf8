// Reads two things back from a PDF Chromium just printed: its pages in order,
// and which page each named destination (the target of an internal link such
// as the contents' <a href="#sec-findings">) lands on. Chromium has no CSS
// target-counter(), so this is how the table of contents learns its page
// numbers (see render-report-pdf.ts). Chromium's PDF writer (Skia) keeps the
// catalog, page tree and /Dests dictionary as plain, uncompressed objects.

function objectIndex(pdf: string): Map<number, string> {
  const objects = new Map<number, string>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  for (let m = re.exec(pdf); m; m = re.exec(pdf)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf("endobj", start);
    if (end === -1) break;
    // Only dictionaries matter here; cut a stream's binary body off.
    const body = pdf.slice(start, end);
    const stream = body.indexOf("stream");
    objects.set(Number(m[1]), stream === -1 ? body : body.slice(0, stream));
    re.lastIndex = end;
  }
  return objects;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

// PDF names escape bytes as #xx.
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export type TPdfStructure = { pageCount: number; destinations: Map<string, number> };

export function readPdfStructure(bytes: Uint8Array): TPdfStructure {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const objects = objectIndex(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  const root = catalog ? ref(catalog, "Pages") : null;
  if (!catalog || root === null) throw new Error("Not a PDF this renderer can read: no catalog or page tree");

  // Page objects in reading order: a depth-first walk of the page tree.
  const pageNumber = new Map<number, number>();
  const walk = (id: number, depth: number) => {
    const node = objects.get(id);
    if (!node || depth > 64) return;
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "";
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else {
      pageNumber.set(id, pageNumber.size + 1);
    }
  };
  walk(root, 0);

  const destinations = new Map<string, number>();
  const destsId = ref(catalog, "Dests");
  const dests = destsId === null ? "" : (objects.get(destsId) ?? "");
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) destinations.set(decodeName(m[1]!), page);
  }
  return { pageCount: pageNumber.size, destinations };
}
