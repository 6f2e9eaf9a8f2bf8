import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { assertHardeningTransition, canMoveVia, canTransition, HARDENING_STATUSES, HARDENING_TRANSITIONS } from "./transitions";

describe("hardening transition table", () => {
  it("lists every status", () => {
    expect([...HARDENING_STATUSES].sort()).toEqual(["APPLIED", "APPROVED", "FAILED", "PROPOSED", "REJECTED", "ROLLED_BACK", "VERIFIED"]);
  });

  it("reaches APPROVED only by approval of a proposed step", () => {
    const into = HARDENING_STATUSES.flatMap((from) => HARDENING_TRANSITIONS[from].filter((m) => m.to === "APPROVED").map((m) => ({ from, ...m })));
    expect(into).toEqual([{ from: "PROPOSED", to: "APPROVED", via: "approve" }]);
  });

  it("applies (by hand or by Palisade) only an approved step", () => {
    for (const from of HARDENING_STATUSES) {
      expect(canMoveVia(from, "execution")).toBe(from === "APPROVED");
      expect(canMoveVia(from, "record-applied")).toBe(from === "APPROVED");
    }
  });

  it("sends an edited step back to PROPOSED, so an approval never covers a later revision", () => {
    for (const from of HARDENING_STATUSES) for (const m of HARDENING_TRANSITIONS[from]) if (m.via === "edit") expect(m.to).toBe("PROPOSED");
    expect(canTransition("APPROVED", "PROPOSED", "edit")).toBe(true);
    expect(canTransition("APPROVED", "APPROVED", "edit")).toBe(false);
  });

  it("rolls back (by hand or by Palisade) only an applied, verified or failed step", () => {
    for (const from of HARDENING_STATUSES) {
      expect(canMoveVia(from, "rollback")).toBe(["APPLIED", "VERIFIED", "FAILED"].includes(from));
      expect(canMoveVia(from, "record-rolled-back")).toBe(["APPLIED", "VERIFIED", "FAILED"].includes(from));
    }
  });

  it("lets VERIFIED only be rolled back, and only a verification run reach it", () => {
    expect(HARDENING_TRANSITIONS.VERIFIED.map((m) => m.via)).toEqual(["rollback", "rollback", "record-rolled-back"]);
    expect(canTransition("APPLIED", "VERIFIED", "verification")).toBe(true);
    expect(canTransition("APPLIED", "VERIFIED", "execution")).toBe(false);
    expect(canTransition("APPLIED", "FAILED", "verification")).toBe(true);
  });

  it("refuses with a clear CONFLICT message", () => {
    const refused = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return e as AppError;
      }
      throw new Error("not refused");
    };
    const e = refused(() => assertHardeningTransition("PROPOSED", "APPLIED", "execution"));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe("Only an approved step can be executed; this step is proposed. Nothing was changed.");
    expect(refused(() => assertHardeningTransition("VERIFIED", "PROPOSED", "edit")).message).toMatch(/verified: it can only be rolled back/);
    expect(() => assertHardeningTransition("FAILED", "ROLLED_BACK", "rollback")).not.toThrow();
  });
});
