// One line of a crontab, in the user format ("m h dom mon dow command") or the system format
// of /etc/crontab and /etc/cron.d ("m h dom mon dow user command"); "@reboot" and friends
// replace the five time fields. Environment lines (SHELL=, MAILTO=) and comments are cron's
// own syntax, not jobs, and not unreadable either.
import { clip, fields } from "../collect";

export type TCronLine =
  | { kind: "job"; schedule: string; user: string | null; command: string }
  | { kind: "skip" } // blank, comment, environment
  | { kind: "bad"; reason: string };

const NICKNAMES = new Set(["@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const TIME_FIELD = /^[0-9A-Za-z*/,-]{1,64}$/;
const ENV = /^\s*(?:[A-Za-z_][A-Za-z0-9_]{0,127}|"[^"]{1,128}"|'[^']{1,128}')\s*=/;
const USER = /^[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,63}\$?$/;

export function readCronLine(line: string, system: boolean): TCronLine {
  const t = line.trim();
  if (t === "" || t.startsWith("#")) return { kind: "skip" };
  if (ENV.test(t)) return { kind: "skip" };
  const nick = t.startsWith("@");
  const timeCount = nick ? 1 : 5;
  const split = fields(t, timeCount + (system ? 1 : 0));
  if (!split) return { kind: "bad", reason: "too few fields for a cron job" };
  const time = split.head.slice(0, timeCount);
  if (nick ? !NICKNAMES.has(time[0] as string) : !time.every((f) => TIME_FIELD.test(f))) {
    return { kind: "bad", reason: nick ? "unknown @ schedule" : "time fields not understood" };
  }
  const user = system ? (split.head[timeCount] as string) : null;
  if (user !== null && !USER.test(user)) return { kind: "bad", reason: "user column not understood" };
  if (split.rest === "") return { kind: "bad", reason: "no command" };
  return { kind: "job", schedule: time.join(" "), user, command: clip(split.rest) };
}
