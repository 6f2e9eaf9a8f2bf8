import cronParser from "cron-parser";

export type TCronCheck = { ok: true; next: Date[] } | { ok: false; fieldErrors: { cron?: string[]; timeZone?: string[] } };

// An IANA name the runtime knows. Intl throws a RangeError for anything else;
// cron-parser on its own only fails later with "unhandled timestamp: null".
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone.trim() === timeZone && timeZone.length > 0;
  } catch {
    return false;
  }
}

// cron-parser names the allowed range, not the field; each range is one field's.
const RANGE_FIELD: Record<string, string> = { "0-59": "minute", "0-23": "hour", "1-31": "day-of-month", "1-12": "month", "0-7": "day-of-week" };

// Validates a schedule with the parser pg-boss 10 fires schedules with, so a
// cron it accepts here is one pg-boss will run. Only the classic five fields:
// cron-parser also takes seconds and @macros, which the UI would not explain.
export function checkCron(cron: string, timeZone: string, { from = new Date(), count = 3 } = {}): TCronCheck {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (!isTimeZone(timeZone)) {
    return { ok: false, fieldErrors: { timeZone: [`"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`] } };
  }
  if (fields.length !== 5) {
    return { ok: false, fieldErrors: { cron: [`A cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has ${fields.length}`] } };
  }
  try {
    const interval = cronParser.parseExpression(fields.join(" "), { tz: timeZone, currentDate: from });
    return { ok: true, next: Array.from({ length: count }, () => interval.next().toDate()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const field = Object.entries(RANGE_FIELD).find(([range]) => reason.endsWith(`expected range ${range}`))?.[1];
    return { ok: false, fieldErrors: { cron: [`Not a valid cron expression: ${reason}${field ? ` (the ${field} field)` : ""}`] } };
  }
}

// The expression as stored and handed to pg-boss: single spaces between fields.
export const normaliseCron = (cron: string) => cron.trim().split(/\s+/).join(" ");
