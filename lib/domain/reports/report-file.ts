import { createHash } from "node:crypto";
import { fileSafeName } from "@/lib/server/file-name";

// What a downloaded report is called: the engagement's name and the version,
// e.g. "Acme-perimeter-report-v3.pdf".
export function reportFilename(engagementName: string, version: number, opts: { draft?: boolean } = {}): string {
  return `${fileSafeName(engagementName, "engagement")}-report-v${version}${opts.draft ? "-draft-preview" : ""}.pdf`;
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
