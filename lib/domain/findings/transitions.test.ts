import { describe, expect, it } from "vitest";
import { FINDING_STATUSES, personTargets, refusal, transitionFor, TRANSITIONS } from "./transitions";

describe("finding transition table", () => {
  it("lists every status", () => {
    expect(FINDING_STATUSES.sort()).toEqual(["ACCEPTANCE_REQUESTED", "ACCEPTED_RISK", "CONFIRMED", "DUPLICATE", "FALSE_POSITIVE", "NEW", "REOPENED", "RESOLVED"]);
  });

  it("never lets a person resolve or reopen: only audit runs do", () => {
    for (const from of FINDING_STATUSES) {
      expect(transitionFor(from, "RESOLVED", "person")).toBeUndefined();
      expect(transitionFor(from, "REOPENED", "person")).toBeUndefined();
    }
    expect(transitionFor("CONFIRMED", "RESOLVED", "system")).toBeDefined();
    expect(transitionFor("RESOLVED", "REOPENED", "system")).toBeDefined();
  });

  it("reaches accepted risk only through a request approved by a different reviewer", () => {
    const into = FINDING_STATUSES.flatMap((from) => TRANSITIONS[from].filter((t) => t.to === "ACCEPTED_RISK").map((t) => ({ from, ...t })));
    expect(into).toEqual([{ from: "ACCEPTANCE_REQUESTED", to: "ACCEPTED_RISK", by: "person", requires: ["different-reviewer"] }]);
    for (const from of ["NEW", "CONFIRMED", "REOPENED"] as const) {
      expect(transitionFor(from, "ACCEPTANCE_REQUESTED", "person")?.requires).toEqual(["justification-and-expiry"]);
    }
  });

  it("explains every move it refuses", () => {
    for (const from of FINDING_STATUSES) {
      for (const to of FINDING_STATUSES) {
        if (transitionFor(from, to, "person")) continue;
        expect(refusal(from, to)).toMatch(/cannot become|already|only by a verification run|only when a run/);
      }
    }
    expect(personTargets("NEW").sort()).toEqual(["ACCEPTANCE_REQUESTED", "CONFIRMED", "DUPLICATE", "FALSE_POSITIVE"]);
    expect(personTargets("RESOLVED")).toEqual([]);
  });
});
