import type { Role } from "@/lib/generated/prisma/enums";
import { forbidden } from "./errors";

// Role -> permission, the one table. Engagement-level access is checked
// separately by membership (lib/domain/scope.ts); this says what a role may do at all.
export const permissions = {
  "user.manage": ["ADMIN"],
  "client.read": ["ADMIN", "CONSULTANT"],
  "client.write": ["ADMIN", "CONSULTANT"],
  "client.archive": ["ADMIN"],
  "engagement.read": ["ADMIN", "CONSULTANT", "REVIEWER", "CLIENT"],
  "engagement.create": ["ADMIN", "CONSULTANT"],
  "engagement.write": ["ADMIN", "CONSULTANT"],
  "engagement.members": ["ADMIN", "CONSULTANT"],
  "host.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "host.write": ["ADMIN", "CONSULTANT"],
  "credential.read": ["ADMIN", "CONSULTANT"],
  "credential.write": ["ADMIN", "CONSULTANT"],
  "run.start": ["ADMIN", "CONSULTANT"],
  "run.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "evidence.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "host.approve-key": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "finding.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "finding.triage": ["ADMIN", "CONSULTANT", "REVIEWER"],
  // Approving a risk acceptance is a reviewer's call, and never on their own request.
  "finding.approve-risk": ["REVIEWER"],
  // Hardening: proposed and applied by consultants, approved by a reviewer who
  // did not propose it; execution is started by someone other than both
  // (enforced per step in lib/domain/hardening, not by role alone).
  "hardening.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "hardening.propose": ["ADMIN", "CONSULTANT"],
  "hardening.approve": ["REVIEWER"],
  "hardening.apply": ["ADMIN", "CONSULTANT"],
  "baseline.approve": ["REVIEWER"],
  "drift.accept": ["REVIEWER"],
  "drift.promote": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "schedule.write": ["ADMIN", "CONSULTANT"],
  "webhook.write": ["ADMIN", "CONSULTANT"],
  // Reports: drafted by consultants, published by a reviewer who is not the
  // drafter; clients see published versions of their own engagements only.
  "report.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
  "report.draft": ["ADMIN", "CONSULTANT"],
  "report.publish": ["REVIEWER"],
  "report.download": ["ADMIN", "CONSULTANT", "REVIEWER", "CLIENT"],
  "export.read": ["ADMIN", "CONSULTANT", "REVIEWER"],
} as const satisfies Record<string, readonly Role[]>;

export type TPermission = keyof typeof permissions;

export function can(role: Role, permission: TPermission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export function assertCan(actor: { role: Role }, permission: TPermission): void {
  if (!can(actor.role, permission)) throw forbidden();
}
