import zlib from "node:zlib";

// Just enough of PDF's object syntax to read back what Chromium's PDF writer
// (Skia) produces: numbered objects with plain dictionaries, one classic xref
// table, Flate-compressed streams. Not a general PDF parser; callers say
// "unsupported" where a PDF does not look like that.

export type TPdfObject = { dict: string; offset: number };
export type TPdf = { text: string; bytes: Buffer; objects: Map<number, TPdfObject> };

export function openPdf(bytes: Uint8Array): TPdf {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // latin1 maps bytes 1:1 to characters, so string offsets are byte offsets.
  const text = buffer.toString("latin1");
  const objects = new Map<number, TPdfObject>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end === -1) break;
    // Only dictionaries matter here; cut a stream's binary body off.
    const body = text.slice(start, end);
    const stream = body.indexOf("stream");
    // The object's offset, as an xref entry states it: where "N 0 obj" begins.
    objects.set(Number(m[1]), { dict: stream === -1 ? body : body.slice(0, stream), offset: m.index + m[0].length - `${m[1]} 0 obj`.length });
    re.lastIndex = end;
  }
  return { text, bytes: buffer, objects };
}

export const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

// Page objects in reading order: a depth-first walk of the page tree.
export function pageObjects(pdf: TPdf): { catalog: string; pages: number[] } {
  const catalog = [...pdf.objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict))?.dict;
  const root = catalog ? ref(catalog, "Pages") : null;
  if (!catalog || root === null) throw new Error("Not a PDF this renderer can read: no catalog or page tree");
  const pages: number[] = [];
  const walk = (id: number, depth: number) => {
    const node = pdf.objects.get(id)?.dict;
    if (!node || depth > 64) return;
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "";
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else {
      pages.push(id);
    }
  };
  walk(root, 0);
  return { catalog, pages };
}

// The decoded body of stream object `id`, or null when it is not a stream this
// reader handles (indirect /Length, a filter other than Flate).
export function readStream(pdf: TPdf, id: number): Buffer | null {
  const obj = pdf.objects.get(id);
  if (!obj) return null;
  const length = /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(obj.dict)?.[1];
  const filter = /\/Filter\s*\/(\w+)/.exec(obj.dict)?.[1];
  if (length === undefined || (filter !== undefined && filter !== "FlateDecode")) return null;
  const keyword = pdf.text.indexOf("stream", obj.offset + obj.dict.length);
  const start = keyword + "stream".length + (pdf.text[keyword + 6] === "\r" ? 2 : 1);
  const raw = pdf.bytes.subarray(start, start + Number(length));
  return filter ? zlib.inflateSync(raw) : Buffer.from(raw);
}

// Appends new versions of objects as an incremental update (PDF 1.7, 7.5.6):
// the original bytes stay as they are, readers take each object's last version.
export function appendObjects(pdf: TPdf, replaced: Map<number, string>): Buffer {
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.text.slice(-64))?.[1];
  const trailer = pdf.text.lastIndexOf("trailer");
  const dict = trailer === -1 ? null : /<<([\s\S]*?)>>/.exec(pdf.text.slice(trailer))?.[1];
  if (!startxref || !dict) throw new Error("Not a PDF this renderer can update: no classic trailer");
  const keep = ["Size", "Root", "Info"].map((k) => new RegExp(`/${k}\\s+[^/]+`).exec(dict)?.[0]?.trim()).filter(Boolean);

  let offset = pdf.bytes.length + 1;
  const parts: string[] = ["\n"];
  const xref: string[] = [];
  for (const [id, body] of [...replaced].sort(([a], [b]) => a - b)) {
    const obj = `${id} 0 obj\n${body}\nendobj\n`;
    xref.push(`${id} 1\n${String(offset).padStart(10, "0")} 00000 n \n`);
    parts.push(obj);
    offset += obj.length;
  }
  parts.push(`xref\n${xref.join("")}trailer\n<<${keep.join("\n")}\n/Prev ${startxref}>>\nstartxref\n${offset}\n%%EOF\n`);
  return Buffer.concat([pdf.bytes, Buffer.from(parts.join(""), "latin1")]);
}

export function flateStream(body: Buffer): string {
  const data = zlib.deflateSync(body);
  return `<</Filter /FlateDecode\n/Length ${data.length}>> stream\n${data.toString("latin1")}\nendstream`;
}
