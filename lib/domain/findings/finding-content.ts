import type { TFindingDraft, TSeverity } from "@/lib/audit/classification-types";

const RANK: Record<TSeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

// A finding's columns from a draft, as first recorded or seen again (also for a drift item a
// person promotes to a finding).
export const findingContent = (d: TFindingDraft, ctx: { hostLabel: string; runId: string; hostRunId: string; at: Date }) => ({
  ruleId: d.ruleId,
  title: d.title,
  severity: d.severity,
  severityRank: RANK[d.severity],
  why: d.why,
  severityReason: d.severityReason,
  confidence: d.confidence,
  reproduce: d.reproduce,
  proto: d.proto,
  port: d.port,
  address: d.address,
  executable: d.executable,
  hostLabel: ctx.hostLabel,
  searchText: `${d.title} ${ctx.hostLabel}`.toLowerCase(),
  evidenceKeys: d.evidence,
  lastSeenAt: ctx.at,
  lastRunId: ctx.runId,
  lastHostRunId: ctx.hostRunId,
});
