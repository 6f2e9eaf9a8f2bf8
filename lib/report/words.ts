import type { TReportSeverity } from "./report-model";

// The words the report uses for states, shared by the model builder and the template.

export const SEVERITIES: readonly TReportSeverity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

export const SEVERITY_WORD: Record<TReportSeverity, string> = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

export const FINDING_STATUS_WORD: Record<string, string> = {
  NEW: "Open, awaiting triage",
  CONFIRMED: "Confirmed, open",
  FALSE_POSITIVE: "False positive",
  ACCEPTANCE_REQUESTED: "Risk acceptance requested",
  ACCEPTED_RISK: "Risk accepted",
  DUPLICATE: "Duplicate",
  RESOLVED: "Resolved",
  REOPENED: "Reopened",
};

// What a person's status change means, as a decision.
export const DECISION_WORD: Record<string, string> = {
  CONFIRMED: "Confirmed",
  FALSE_POSITIVE: "Marked a false positive",
  ACCEPTANCE_REQUESTED: "Requested risk acceptance",
  ACCEPTED_RISK: "Approved risk acceptance",
  DUPLICATE: "Marked a duplicate",
};

// Findings that still need someone to act.
export const OPEN_FINDING_STATUSES = new Set(["NEW", "CONFIRMED", "REOPENED", "ACCEPTANCE_REQUESTED"]);

export const HARDENING_STATUS_WORD: Record<string, string> = {
  PROPOSED: "Proposed, awaiting approval",
  APPROVED: "Approved, not yet applied",
  REJECTED: "Rejected",
  APPLIED: "Applied, awaiting verification",
  VERIFIED: "Applied and verified",
  FAILED: "Failed",
  ROLLED_BACK: "Rolled back",
};

export const STRATEGY_WORD: Record<string, string> = {
  BIND_LOCALHOST: "Bind to localhost",
  FIREWALL_DENY: "Firewall deny rule",
  REVERSE_PROXY: "Reverse proxy with TLS and access control",
};

export const DRIFT_KIND_WORD: Record<string, string> = { LISTENER: "Listener", SERVICE: "Service", CONTAINER: "Container", CRON_JOB: "Cron job", TIMER: "Timer" };
export const DRIFT_CHANGE_WORD: Record<string, string> = { NEW: "New", GONE: "Gone", CHANGED: "Changed" };
export const DRIFT_STATUS_WORD: Record<string, string> = { OPEN: "Open", ACCEPTED: "Accepted into baseline", PROMOTED: "Raised as a finding" };

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

// Dates in the report: day month year, UTC, so a report reads the same wherever it is rendered.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return `${d.toLocaleDateString("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" })} ${d.toISOString().slice(11, 16)} UTC`;
}
