// Everything a step's commands take from the host (paths, unit names, users,
// command lines) is hostile data until checked: values must match a strict
// shape, and are single-quoted anyway. A value that does not fit is refused
// with the reason, never escaped into a command.
import { asRoot } from "../command-set";

export class UnsafeValue extends Error {}

export { shellQuote as shq } from "../shell-quote";

const PATH = /^\/[A-Za-z0-9._@+\/-]{1,200}$/;
const UNIT = /^[A-Za-z0-9@._:-]{1,100}\.service$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
// Arguments of a command line we re-write into a systemd ExecStart or a crontab.
const ARG = /^[A-Za-z0-9._@+\/:=,\[\]-]{1,200}$/;

export function safePath(p: string | null | undefined, what: string): string {
  if (!p || !PATH.test(p) || p.split("/").includes("..")) throw new UnsafeValue(`the ${what} ${JSON.stringify(p)} is not a plain absolute path`);
  return p;
}

export function safeUnit(u: string | null | undefined): string {
  if (!u || !UNIT.test(u)) throw new UnsafeValue(`the systemd unit ${JSON.stringify(u)} is not a plain .service name`);
  return u;
}

export function safeUser(u: string | null | undefined): string {
  if (!u || !USER.test(u)) throw new UnsafeValue(`the user ${JSON.stringify(u)} is not a plain user name`);
  return u;
}

export function safeArgs(args: string[] | null | undefined, what: string): string[] {
  if (!args?.length) throw new UnsafeValue(`the ${what} is not known`);
  const bad = args.find((a) => !ARG.test(a));
  if (bad !== undefined) throw new UnsafeValue(`the ${what} has an argument with characters that cannot be re-written safely: ${JSON.stringify(bad.slice(0, 80))}`);
  return args;
}

export function safePort(p: number | null): number {
  if (!Number.isInteger(p) || (p as number) < 1 || (p as number) > 65535) throw new UnsafeValue(`the port ${String(p)} is not a port number`);
  return p as number;
}

// A non-root audit user runs the step through sudo, as discovery does.
export function asAuditUser(commands: string[], uid: number | null | undefined): string[] {
  return uid === 0 ? commands : commands.map(asRoot);
}
