// A whole crontab: `crontab -l`, `crontab -l -u USER` (user format) or `cat /etc/crontab`
// (system format, with a user column). Which one is told by the caller, never guessed:
// "17 * * * * root cd /" is a valid user crontab line too.
import type { TCronJob, TParsed } from "../../facts";
import { collector, eachLine } from "../collect";
import { readCronLine } from "./cron-line";

export type TCrontabOptions = { format: "user" | "system"; source: string; user: string | null };

export function parseCrontab(text: string, options: TCrontabOptions = { format: "user", source: "crontab -l", user: null }): TParsed<TCronJob> {
  const out = collector<TCronJob>();
  const system = options.format === "system";
  eachLine(text, out, (line, no) => {
    const r = readCronLine(line, system);
    if (r.kind === "bad") return out.skip(no, line, r.reason);
    if (r.kind === "job") out.add({ source: options.source, schedule: r.schedule, user: system ? r.user : options.user, command: r.command });
  });
  return out.result();
}

// The options for a command of the command set, so the engine can pick them by command.
export function crontabOptionsFor(command: string, auditUser: string | null = null): TCrontabOptions {
  const file = /(\/etc\/crontab|\/etc\/cron\.d\/[^\s']+)/.exec(command);
  if (file) return { format: "system", source: file[1] as string, user: null };
  const forUser = /crontab -l -u ([a-z_][a-z0-9_-]{0,31})/.exec(command);
  if (forUser) return { format: "user", source: `crontab -l (${forUser[1]})`, user: forUser[1] as string };
  return { format: "user", source: auditUser ? `crontab -l (${auditUser})` : "crontab -l", user: auditUser };
}
