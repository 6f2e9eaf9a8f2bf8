// Reading an HTTP response from raw bytes: status, headers, body (de-chunked), and whether the
// whole response is in.
export type THttpResponse = { version: string; status: number; headers: Map<string, string[]>; body: Buffer };

function headEnd(b: Buffer): { end: number; sep: number } | null {
  const crlf = b.indexOf("\r\n\r\n");
  if (crlf !== -1) return { end: crlf, sep: 4 };
  const lf = b.indexOf("\n\n");
  return lf === -1 ? null : { end: lf, sep: 2 };
}

export const looksLikeHttp = (b: Buffer) => /^HTTP\/\d(?:\.\d)? \d{3}/.test(b.subarray(0, 16).toString("latin1"));

export function parseHttpResponse(b: Buffer): THttpResponse | null {
  if (!looksLikeHttp(b)) return null;
  const h = headEnd(b);
  const head = b.subarray(0, h ? h.end : b.length).toString("latin1");
  const [statusLine, ...lines] = head.split(/\r?\n/);
  const m = /^HTTP\/(\d(?:\.\d)?) (\d{3})/.exec(statusLine ?? "");
  if (!m) return null;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  let body = h ? b.subarray(h.end + h.sep) : Buffer.alloc(0);
  if (/chunked/i.test(headers.get("transfer-encoding")?.join(",") ?? "")) body = dechunk(body);
  return { version: m[1]!, status: Number(m[2]), headers, body };
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < b.length) {
    const nl = b.indexOf("\r\n", i);
    if (nl === -1) break;
    const size = parseInt(b.subarray(i, nl).toString("latin1").split(";")[0]!, 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out.push(b.subarray(nl + 2, nl + 2 + size));
    i = nl + 2 + size + 2;
  }
  return Buffer.concat(out);
}

// The whole response has arrived (by Content-Length or the last chunk); otherwise read until the
// server closes, which it does after `Connection: close`.
export function httpComplete(b: Buffer): boolean {
  const h = headEnd(b);
  if (!h || !looksLikeHttp(b)) return false;
  const head = b.subarray(0, h.end).toString("latin1");
  const status = Number(/^HTTP\/\S+ (\d{3})/.exec(head)?.[1]);
  if (status === 204 || status === 304) return true;
  const body = b.length - h.end - h.sep;
  const cl = /\r?\ncontent-length:\s*(\d+)/i.exec(head);
  if (cl) return body >= Number(cl[1]);
  if (/\r?\ntransfer-encoding:[^\r\n]*chunked/i.test(head)) return b.subarray(b.length - 5).toString("latin1") === "0\r\n\r\n";
  return false;
}

export const header = (r: THttpResponse | null, name: string) => r?.headers.get(name)?.[0] ?? null;

export function jsonBody(r: THttpResponse | null): Record<string, unknown> | null {
  if (!r) return null;
  try {
    const v: unknown = JSON.parse(r.body.toString("utf8"));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

