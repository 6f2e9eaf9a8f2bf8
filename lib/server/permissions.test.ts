import { describe, expect, it } from "vitest";
import { can, permissions, type TPermission } from "./permissions";

describe("role permission table", () => {
  it("lets only admins manage users", () => {
    expect(can("ADMIN", "user.manage")).toBe(true);
    for (const role of ["CONSULTANT", "REVIEWER", "CLIENT"] as const) expect(can(role, "user.manage")).toBe(false);
  });

  it("keeps CLIENT users to reading their engagements and downloading reports, nothing else", () => {
    const allowed = (Object.keys(permissions) as TPermission[]).filter((p) => can("CLIENT", p));
    expect(allowed).toEqual(["engagement.read", "report.download"]);
  });

  it("gives sign-offs (hardening, baselines, accepted drift, publishing) to reviewers, not to who proposes", () => {
    for (const p of ["hardening.approve", "baseline.approve", "drift.accept", "report.publish"] as const) {
      expect(can("REVIEWER", p)).toBe(true);
      expect(can("CONSULTANT", p)).toBe(false);
    }
    for (const p of ["hardening.propose", "hardening.apply", "report.draft"] as const) expect(can("REVIEWER", p)).toBe(false);
  });

  it("never lets reviewers or clients touch hosts or credentials", () => {
    for (const role of ["REVIEWER", "CLIENT"] as const) {
      expect(can(role, "host.write")).toBe(false);
      expect(can(role, "credential.read")).toBe(false);
      expect(can(role, "credential.write")).toBe(false);
    }
  });

  it("lets consultants create engagements and manage hosts and credentials", () => {
    for (const p of ["engagement.create", "host.write", "credential.write", "client.write"] as const) expect(can("CONSULTANT", p)).toBe(true);
    expect(can("CONSULTANT", "client.archive")).toBe(false);
  });
});
