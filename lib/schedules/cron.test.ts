import { describe, expect, it } from "vitest";
import { checkCron, isTimeZone, normaliseCron } from "./cron";

const from = new Date("2026-03-27T12:00:00Z");

describe("checkCron", () => {
  it("gives the next three fire times, in the schedule's time zone", () => {
    const result = checkCron("0 9 * * 1-5", "Europe/Berlin", { from });
    // Friday 27 March 2026 (CET, UTC+1); Europe switches to CEST on Sunday 29 March.
    expect(result).toEqual({ ok: true, next: [new Date("2026-03-30T07:00:00Z"), new Date("2026-03-31T07:00:00Z"), new Date("2026-04-01T07:00:00Z")] });
  });

  it("names the field whose value is out of range", () => {
    expect(checkCron("0 25 * * *", "UTC", { from })).toEqual({
      ok: false,
      fieldErrors: { cron: ["Not a valid cron expression: Constraint error, got value 25 expected range 0-23 (the hour field)"] },
    });
    expect(checkCron("61 * * * *", "UTC", { from })).toMatchObject({ fieldErrors: { cron: [expect.stringContaining("(the minute field)")] } });
  });

  it("wants exactly five fields: no seconds, no @macros", () => {
    expect(checkCron("* * * * * *", "UTC")).toEqual({ ok: false, fieldErrors: { cron: ["A cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has 6"] } });
    expect(checkCron("@daily", "UTC")).toMatchObject({ ok: false, fieldErrors: { cron: [expect.stringContaining("this one has 1")] } });
    expect(checkCron("", "UTC")).toMatchObject({ ok: false, fieldErrors: { cron: [expect.stringContaining("this one has 0")] } });
  });

  it("refuses garbage and impossible dates with the parser's reason", () => {
    expect(checkCron("bogus * * * *", "UTC")).toEqual({ ok: false, fieldErrors: { cron: ["Not a valid cron expression: Invalid characters, got value: bogus"] } });
    expect(checkCron("0 0 31 2 *", "UTC")).toMatchObject({ ok: false, fieldErrors: { cron: [expect.stringContaining("day of month")] } });
  });

  it("refuses an unknown time zone with an example of a good one", () => {
    expect(checkCron("* * * * *", "Mars/Olympus")).toEqual({ ok: false, fieldErrors: { timeZone: ['"Mars/Olympus" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)'] } });
  });
});

describe("isTimeZone", () => {
  it("knows IANA names and UTC, not offsets in disguise or padding", () => {
    expect(["UTC", "Europe/Berlin", "Asia/Kolkata"].map(isTimeZone)).toEqual([true, true, true]);
    expect(["", " UTC", "CEST+2", "Europe/Atlantis"].map(isTimeZone)).toEqual([false, false, false, false]);
  });
});

it("normaliseCron collapses whitespace", () => {
  expect(normaliseCron("  */5   *\t* * * ")).toBe("*/5 * * * *");
});
