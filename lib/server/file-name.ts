// A name safe inside a Content-Disposition filename and on any file system:
// ASCII letters, digits, dot, dash and underscore only, accents folded, at
// most 80 characters. "Acme perimeter (Q3)" -> "Acme-perimeter-Q3".
export function fileSafeName(name: string, fallback = "file"): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, 80)
      .replace(/[-.]+$/, "") || fallback
  );
}
