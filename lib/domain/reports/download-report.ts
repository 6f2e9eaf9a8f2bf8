import { writeAudit } from "@/lib/server/audit-log";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadReportVersion } from "./load-report-version";
import { reportFilename, sha256Hex } from "./report-file";

// The stored PDF of a published version, exactly as published. Its bytes are
// hashed again on every download: if they no longer match the sha256 recorded
// at publication the file is refused (and the refusal logged), never served.
// Every download is written to the audit log with who took it.
export async function downloadReport({ actor, reportId }: { actor: TActor; reportId: string }) {
  const report = await loadReportVersion(db(), actor, reportId, "report.download");
  // A draft has no PDF to download (its preview is rendered on demand).
  if (report.status !== "PUBLISHED") throw notFound("Report not found");
  const { pdf } = await db().reportVersion.findUniqueOrThrow({ where: { id: reportId }, select: { pdf: true } });
  const actual = pdf ? sha256Hex(pdf) : null;
  const who = { email: actor.email, role: actor.role };
  const details = { engagementId: report.engagementId, version: report.version, sha256: report.sha256, ...who };

  if (!pdf || actual !== report.sha256) {
    await inTransaction((tx) => writeAudit(tx, { actorId: actor.id, action: "report.download-refused", target: `report:${reportId}`, details: { ...details, reason: "sha256 mismatch", actualSha256: actual } }));
    throw new AppError(
      "INTEGRITY",
      `The stored PDF of version ${report.version} does not match the sha256 recorded when it was published: it may have been tampered with, so it was not sent. The refusal is in the audit log; tell your Palisade administrator.`,
    );
  }
  await inTransaction((tx) => writeAudit(tx, { actorId: actor.id, action: "report.download", target: `report:${reportId}`, details }));
  return { pdf: Buffer.from(pdf), sha256: actual, filename: reportFilename(report.engagement.name, report.version) };
}
