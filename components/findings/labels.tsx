import type { FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { Badge, type TTone } from "@/components/ui/badge";

export const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
export const STATUSES: FindingStatus[] = ["NEW", "CONFIRMED", "REOPENED", "ACCEPTANCE_REQUESTED", "ACCEPTED_RISK", "FALSE_POSITIVE", "DUPLICATE", "RESOLVED"];
// Open: still needs fixing or a decision (an accepted risk is open until it expires or is fixed).
export const OPEN_STATUSES: FindingStatus[] = ["NEW", "CONFIRMED", "REOPENED", "ACCEPTANCE_REQUESTED", "ACCEPTED_RISK"];

export const statusLabel = (s: FindingStatus) => s.toLowerCase().replace(/_/g, " ");
export const severityLabel = (s: Severity) => s.charAt(0) + s.slice(1).toLowerCase();

const severityTones: Record<Severity, TTone> = { CRITICAL: "red", HIGH: "amber", MEDIUM: "sky", LOW: "slate" };
// Chart fills, darkest for the worst.
export const severityFill: Record<Severity, string> = { CRITICAL: "#b91c1c", HIGH: "#d97706", MEDIUM: "#0284c7", LOW: "#94a3b8" };
export const statusFill: Record<FindingStatus, string> = {
  NEW: "#0369a1",
  CONFIRMED: "#b91c1c",
  REOPENED: "#c2410c",
  ACCEPTANCE_REQUESTED: "#a16207",
  ACCEPTED_RISK: "#7c3aed",
  FALSE_POSITIVE: "#64748b",
  DUPLICATE: "#cbd5e1",
  RESOLVED: "#059669",
};

const statusTones: Record<FindingStatus, TTone> = {
  NEW: "sky",
  CONFIRMED: "red",
  REOPENED: "amber",
  ACCEPTANCE_REQUESTED: "amber",
  ACCEPTED_RISK: "violet",
  FALSE_POSITIVE: "slate",
  DUPLICATE: "slate",
  RESOLVED: "emerald",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severityTones[severity]}>{severity.toLowerCase()}</Badge>;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabel(status)}</Badge>;
}
