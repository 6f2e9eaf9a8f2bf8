import { cweOf } from "@/lib/audit/rules";
import type { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { impactOf } from "@/lib/report/impact";
import type { TDefectDojoFinding } from "./defectdojo-format";
import type { TExportFinding } from "./load-export-findings";

const SEVERITY: Record<Severity, TDefectDojoFinding["severity"]> = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

type TFlags = Pick<TDefectDojoFinding, "active" | "verified" | "false_p" | "risk_accepted" | "under_review" | "is_mitigated" | "out_of_scope">;
const flags = (active: boolean, verified: boolean, extra: Partial<TFlags> = {}): TFlags => ({
  active, verified, false_p: false, risk_accepted: false, under_review: false, is_mitigated: false, out_of_scope: false, ...extra,
});

// Palisade's one status enum onto DefectDojo's booleans. DUPLICATE has no
// field in the JSON format: it is inactive and tagged "duplicate".
export const DEFECTDOJO_FLAGS: Record<FindingStatus, TFlags> = {
  NEW: flags(true, false),
  CONFIRMED: flags(true, true),
  REOPENED: flags(true, true),
  ACCEPTANCE_REQUESTED: flags(true, true, { under_review: true }),
  ACCEPTED_RISK: flags(false, true, { risk_accepted: true }),
  FALSE_POSITIVE: flags(false, false, { false_p: true }),
  DUPLICATE: flags(false, false),
  RESOLVED: flags(false, true, { is_mitigated: true }),
};

// The fix in Palisade's order of preference (DESIGN.md, phase 4), when no
// hardening step has been proposed for the finding yet.
const DEFAULT_MITIGATION =
  "In order of preference: (1) bind the service to 127.0.0.1 if nothing remote needs it; (2) deny the port in the host firewall as a safety net; (3) only where public access is required, put it behind a reverse proxy with TLS and access control.";

const day = (d: Date) => d.toISOString().slice(0, 10);
const bracketed = (address: string) => (address.includes(":") ? `[${address}]` : address);
// DefectDojo tags are single words.
const tag = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");

function mitigation(f: TExportFinding): string {
  if (!f.hardeningSteps.length) return DEFAULT_MITIGATION;
  return f.hardeningSteps
    .map((s) => [`${s.title} (${s.strategy.toLowerCase().replace(/_/g, " ")}, ${s.status.toLowerCase().replace(/_/g, " ")})`, ...s.commands.map((c) => `    ${c}`), "Rollback:", ...s.rollbackCommands.map((c) => `    ${c}`)].join("\n"))
    .join("\n\n");
}

// The description holds only what stays the same across audits, because
// DefectDojo deduplicates on it (title, cwe, line, file path, description).
function description(f: TExportFinding): string {
  const lines = [f.why, "", `Host: ${f.host.label} (${f.host.address}, ${f.host.exposure.toLowerCase()})`];
  if (f.port !== null) lines.push(`Endpoint: ${f.proto ?? "tcp"}/${f.port}${f.address ? ` on ${f.address}` : ""}`);
  if (f.executable) lines.push(`Executable: ${f.executable}`);
  lines.push(`Palisade rule: ${f.ruleId}`);
  return lines.join("\n");
}

export function toDefectDojoFinding(f: TExportFinding, evidence: { command: string; sha256: string }[]): TDefectDojoFinding {
  const cwe = cweOf(f.ruleId);
  const references = [`Palisade rule ${f.ruleId}, finding ${f.id}.`, ...evidence.map((e) => `Evidence sha256 ${e.sha256}: ${e.command}`)].join("\n");
  return {
    title: f.title,
    severity: SEVERITY[f.severity],
    description: description(f),
    date: day(f.firstSeenAt),
    mitigation: mitigation(f),
    // The same words the PDF report uses for what leaving it means.
    impact: impactOf(f.ruleId, f.severity),
    severity_justification: `${f.severityReason} (confidence: ${f.confidence})`,
    steps_to_reproduce: f.reproduce,
    references,
    ...DEFECTDOJO_FLAGS[f.status],
    ...(f.status === "RESOLVED" && f.resolvedAt ? { mitigated: f.resolvedAt.toISOString().replace(/\.\d{3}Z$/, "Z") } : {}),
    ...(f.executable ? { component_name: f.executable } : {}),
    ...(f.port !== null ? { service: `${f.proto ?? "tcp"}/${f.port}`, endpoints: [`${bracketed(f.host.address)}:${f.port}`] } : { endpoints: [bracketed(f.host.address)] }),
    ...(cwe !== null ? { cwe } : {}),
    unique_id_from_tool: f.fingerprint,
    vuln_id_from_tool: f.ruleId,
    static_finding: false,
    dynamic_finding: true,
    nb_occurences: f.timesSeen,
    tags: ["palisade", tag(f.ruleId), ...(f.status === "DUPLICATE" ? ["duplicate"] : [])].filter(Boolean),
  };
}
