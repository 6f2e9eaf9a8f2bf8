import type { TActor } from "../actor";
import { exportFilename, openExport, recordExport } from "./export-access";
import { loadExportFindings } from "./load-export-findings";
import { toCsv } from "./to-csv";
import { cweOf } from "@/lib/audit/rules";

export const FINDINGS_CSV_HEADER = [
  "id", "severity", "status", "title", "host", "host_address", "proto", "port", "listen_address", "executable", "rule_id", "cwe",
  "why", "severity_reason", "confidence", "reproduce", "first_seen", "last_seen", "times_seen",
  "acceptance_justification", "acceptance_expires", "acceptance_requested_by", "acceptance_approved_by", "fingerprint",
] as const;

const iso = (d: Date | null) => d?.toISOString() ?? "";

// One row per finding, for spreadsheets and ticket imports.
export async function exportFindingsCsv({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  const { engagement } = await openExport(actor, engagementId);
  const findings = await loadExportFindings(engagementId);
  const csv = toCsv(
    FINDINGS_CSV_HEADER,
    findings.map((f) => [
      f.id, f.severity, f.status, f.title, f.host.label, f.host.address, f.proto, f.port, f.address, f.executable, f.ruleId, cweOf(f.ruleId),
      f.why, f.severityReason, f.confidence, f.reproduce, iso(f.firstSeenAt), iso(f.lastSeenAt), f.timesSeen,
      f.acceptanceJustification, iso(f.acceptanceExpiresAt), f.acceptanceRequestedBy?.name, f.acceptanceApprovedBy?.name, f.fingerprint,
    ]),
  );
  await recordExport(actor, engagementId, "csv", { findings: findings.length });
  return { csv, filename: exportFilename(engagement.name, "findings.csv") };
}
