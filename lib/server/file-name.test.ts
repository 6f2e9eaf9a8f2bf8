import { describe, expect, it } from "vitest";
import { reportFilename } from "@/lib/domain/reports/report-file";
import { fileSafeName } from "./file-name";

describe("fileSafeName", () => {
  it("keeps a readable name and folds accents", () => {
    expect(fileSafeName("Acme perimeter (Q3)")).toBe("Acme-perimeter-Q3");
    expect(fileSafeName("Café Müller – Straße")).toBe("Cafe-Muller-Stra-e");
  });

  it("leaves nothing that could break a Content-Disposition header or a path", () => {
    for (const hostile of ['x"; filename="evil.exe', "a\r\nSet-Cookie: s=1", "../../etc/passwd", "..", "日本語", ""]) {
      const name = fileSafeName(hostile, "engagement");
      expect(name, hostile).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(name).not.toContain("..");
    }
    expect(fileSafeName("日本語", "engagement")).toBe("engagement");
    expect(fileSafeName("a".repeat(200)).length).toBe(80);
  });

  it("names a report by engagement and version", () => {
    expect(reportFilename("Acme perimeter", 3)).toBe("Acme-perimeter-report-v3.pdf");
    expect(reportFilename("Acme perimeter", 4, { draft: true })).toBe("Acme-perimeter-report-v4-draft-preview.pdf");
  });
});
