import type { HardeningStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/server/errors";

// The hardening step lifecycle: one enum, one table. Each move names HOW it
// happens, because who may make it differs per way:
//   edit          a consultant changes the step: a new revision, back to PROPOSED
//                 (an approval is of one revision, so an edited step needs approving again)
//   approve       a reviewer who is neither the proposer nor an editor of this revision
//   reject        a reviewer (same rule as approve)
//   record-applied   recommend-only: a person other than the approver says they ran it
//   execution     Palisade ran the commands over SSH (started by someone who is
//                 neither approver nor proposer): APPLIED, or FAILED at the first non-zero exit
//   rollback      Palisade ran the rollback commands (same rule): ROLLED_BACK, or
//                 FAILED with the output
//   record-rolled-back   a person other than the approver says they ran the
//                 rollback commands by hand (recommend-only, or Palisade could not)
//   verification  a verification run (lib/domain/hardening/record-verification.ts)
//                 judged an applied step: VERIFIED, or FAILED
// VERIFIED can only be rolled back (the lab acceptance of issue 6: a verified change is
// undone and a verification run shows the host back as it was; the finding then reopens).
export type THardeningVia = "edit" | "approve" | "reject" | "record-applied" | "execution" | "rollback" | "record-rolled-back" | "verification";
export type THardeningMove = { to: HardeningStatus; via: THardeningVia };

export const HARDENING_TRANSITIONS: Record<HardeningStatus, THardeningMove[]> = {
  PROPOSED: [
    { to: "PROPOSED", via: "edit" },
    { to: "APPROVED", via: "approve" },
    { to: "REJECTED", via: "reject" },
  ],
  APPROVED: [
    { to: "PROPOSED", via: "edit" },
    { to: "APPLIED", via: "record-applied" },
    { to: "APPLIED", via: "execution" },
    { to: "FAILED", via: "execution" },
  ],
  REJECTED: [{ to: "PROPOSED", via: "edit" }],
  APPLIED: [
    { to: "VERIFIED", via: "verification" },
    { to: "FAILED", via: "verification" },
    { to: "ROLLED_BACK", via: "rollback" },
    { to: "FAILED", via: "rollback" },
    { to: "ROLLED_BACK", via: "record-rolled-back" },
  ],
  VERIFIED: [
    { to: "ROLLED_BACK", via: "rollback" },
    { to: "FAILED", via: "rollback" },
    { to: "ROLLED_BACK", via: "record-rolled-back" },
  ],
  // A failed step shows its rollback; it can be rolled back (again, if a
  // rollback failed) or edited into a new proposal.
  FAILED: [
    { to: "ROLLED_BACK", via: "rollback" },
    { to: "FAILED", via: "rollback" },
    { to: "ROLLED_BACK", via: "record-rolled-back" },
    { to: "PROPOSED", via: "edit" },
  ],
  ROLLED_BACK: [{ to: "PROPOSED", via: "edit" }],
};

export const HARDENING_STATUSES = Object.keys(HARDENING_TRANSITIONS) as HardeningStatus[];

export function canTransition(from: HardeningStatus, to: HardeningStatus, via: THardeningVia): boolean {
  return HARDENING_TRANSITIONS[from].some((m) => m.to === to && m.via === via);
}

// Whether a way of moving is open from here at all (for buttons: "can this be
// approved / executed / rolled back now?").
export function canMoveVia(from: HardeningStatus, via: THardeningVia): boolean {
  return HARDENING_TRANSITIONS[from].some((m) => m.via === via);
}

const label = (s: HardeningStatus) => s.toLowerCase().replace(/_/g, " ");
const VERB: Record<THardeningVia, string> = {
  edit: "edited",
  approve: "approved",
  reject: "rejected",
  "record-applied": "recorded as applied",
  execution: "executed",
  rollback: "rolled back",
  "record-rolled-back": "recorded as rolled back",
  verification: "judged by a verification run",
};

export function hardeningRefusal(from: HardeningStatus, via: THardeningVia): string {
  if (from === "VERIFIED") return "The step is verified: it can only be rolled back";
  if (via === "record-applied" || via === "execution") return `Only an approved step can be ${VERB[via]}; this step is ${label(from)}`;
  if (via === "approve" || via === "reject") return `Only a proposed step can be ${VERB[via]}; this step is ${label(from)}`;
  if (via === "rollback" || via === "record-rolled-back") return `Only an applied, verified or failed step can be ${VERB[via]}; this step is ${label(from)}`;
  if (via === "verification") return `Only an applied step can be verified; this step is ${label(from)}`;
  return `A ${label(from)} step cannot be ${VERB[via]}`;
}

// Throws a CONFLICT AppError (safe to show) when the move is not in the table.
export function assertHardeningTransition(from: HardeningStatus, to: HardeningStatus, via: THardeningVia): void {
  if (canTransition(from, to, via)) return;
  const message = canMoveVia(from, via) ? `A ${label(from)} step cannot become ${label(to)} by being ${VERB[via]}` : hardeningRefusal(from, via);
  throw new AppError("CONFLICT", `${message}. Nothing was changed.`);
}
