import type { FindingStatus } from "@/lib/generated/prisma/enums";

// The finding lifecycle: one enum, one table. A person may only make the
// moves listed for "person"; RESOLVED comes only from a verification run that
// judged the finding's hardening step (lib/domain/hardening/record-verification.ts),
// REOPENED only from a run that sees a resolved finding again (an audit, or a
// verification run after its step was rolled back).
export type TActorKind = "person" | "system";
export type TRequirement = "comment" | "justification-and-expiry" | "duplicate-of" | "different-reviewer";
export type TTransition = { to: FindingStatus; by: TActorKind; requires?: TRequirement[] };

export const TRANSITIONS: Record<FindingStatus, TTransition[]> = {
  NEW: [
    { to: "CONFIRMED", by: "person" },
    { to: "FALSE_POSITIVE", by: "person", requires: ["comment"] },
    { to: "ACCEPTANCE_REQUESTED", by: "person", requires: ["justification-and-expiry"] },
    { to: "DUPLICATE", by: "person", requires: ["duplicate-of"] },
    { to: "RESOLVED", by: "system" },
  ],
  CONFIRMED: [
    { to: "FALSE_POSITIVE", by: "person", requires: ["comment"] },
    { to: "ACCEPTANCE_REQUESTED", by: "person", requires: ["justification-and-expiry"] },
    { to: "DUPLICATE", by: "person", requires: ["duplicate-of"] },
    { to: "RESOLVED", by: "system" },
  ],
  REOPENED: [
    { to: "CONFIRMED", by: "person" },
    { to: "FALSE_POSITIVE", by: "person", requires: ["comment"] },
    { to: "ACCEPTANCE_REQUESTED", by: "person", requires: ["justification-and-expiry"] },
    { to: "DUPLICATE", by: "person", requires: ["duplicate-of"] },
    { to: "RESOLVED", by: "system" },
  ],
  ACCEPTANCE_REQUESTED: [
    { to: "ACCEPTED_RISK", by: "person", requires: ["different-reviewer"] },
    // Rejected by a reviewer, or withdrawn.
    { to: "CONFIRMED", by: "person", requires: ["comment"] },
  ],
  ACCEPTED_RISK: [
    // Revoked by a person, or reactivated by the system at expiry.
    { to: "CONFIRMED", by: "person", requires: ["comment"] },
    { to: "CONFIRMED", by: "system" },
  ],
  FALSE_POSITIVE: [{ to: "CONFIRMED", by: "person", requires: ["comment"] }],
  DUPLICATE: [{ to: "CONFIRMED", by: "person", requires: ["comment"] }],
  RESOLVED: [{ to: "REOPENED", by: "system" }],
};

export const FINDING_STATUSES = Object.keys(TRANSITIONS) as FindingStatus[];

export function transitionFor(from: FindingStatus, to: FindingStatus, by: TActorKind): TTransition | undefined {
  return TRANSITIONS[from].find((t) => t.to === to && t.by === by);
}

// Where a person can go from here (for the UI's buttons and shortcuts).
export function personTargets(from: FindingStatus): FindingStatus[] {
  return [...new Set(TRANSITIONS[from].filter((t) => t.by === "person").map((t) => t.to))];
}

const label = (s: FindingStatus) => s.toLowerCase().replace(/_/g, " ");

export function refusal(from: FindingStatus, to: FindingStatus): string {
  if (to === "RESOLVED") return "A finding is resolved only by a verification run after its hardening step";
  if (to === "REOPENED") return "A finding is reopened only when a run sees it again";
  if (from === to) return `The finding is already ${label(from)}`;
  return `A ${label(from)} finding cannot become ${label(to)}`;
}
