// What the phases share while auditing one host: the connection, the limits, the evidence
// recorded so far (kept even when the host later fails), and what the audit user may do.
import { asRoot } from "../command-set";
import type { TAuditLimits, TEvidence } from "../audit-types";
import { buildEvidence } from "../evidence";
import type { TOutcome } from "../facts";
import { classifyOutcome } from "../parsers/outcome";
import { runCommand, type TCommandRun } from "../ssh/exec";
import type { TAuditConnection } from "../ssh/open-connection";

export type TSudo = "not-needed" | "unknown" | "works" | "refused";

export type TAuditSession = {
  conn: TAuditConnection;
  limits: TAuditLimits;
  evidence: TEvidence[];
  // Facts the audit user could not see or commands that did not answer, in words.
  hidden: string[];
  privilege: { user: string | null; isRoot: boolean; sudo: TSudo; sudoMessage: string | null };
};

// `run` holds the raw bytes (for decisions only, never stored); `text` is the redacted stdout.
export type TRecorded = { key: string; run: TCommandRun; outcome: TOutcome; text: string; evidence: TEvidence };

export function createSession(conn: TAuditConnection, limits: TAuditLimits): TAuditSession {
  return { conn, limits, evidence: [], hidden: [], privilege: { user: null, isRoot: false, sudo: "unknown", sudoMessage: null } };
}

function outcomeOf(run: TCommandRun): TOutcome {
  if (run.interrupted) return "error";
  return classifyOutcome({ exitCode: run.exitCode, stdout: run.stdout.toString("utf8"), stderr: run.stderr.toString("utf8") });
}

function uniqueKey(session: TAuditSession, key: string): string {
  if (!session.evidence.some((e) => e.key === key)) return key;
  for (let i = 2; ; i++) if (!session.evidence.some((e) => e.key === `${key}#${i}`)) return `${key}#${i}`;
}

// Runs one command-set string and records it as evidence under `key`.
export async function record(
  session: TAuditSession,
  spec: { key: string; phase: TEvidence["phase"]; commandId: string; command: string },
): Promise<TRecorded> {
  const run = await runCommand(session.conn, spec.command, {
    timeoutMs: session.limits.commandTimeoutMs,
    maxOutputBytes: session.limits.maxOutputBytes,
  });
  const outcome = outcomeOf(run);
  const key = uniqueKey(session, spec.key);
  const evidence = buildEvidence({ key, phase: spec.phase, commandId: spec.commandId, run, outcome });
  session.evidence.push(evidence);
  if (run.interrupted === "timeout") session.hidden.push(`${key}: no answer within ${session.limits.commandTimeoutMs} ms (command timed out; output incomplete)`);
  if (run.interrupted === "channel-refused") session.hidden.push(`${key}: the host refused to open another SSH channel (sshd MaxSessions?); not run`);
  if (run.truncated) session.hidden.push(`${key}: output cut at ${session.limits.maxOutputBytes} bytes`);
  // Facts are read from the redacted text: a password on a command line must not reach a fact
  // (and from there a page or a report) any more than the stored evidence.
  return { key, run, outcome, text: evidence.stdout, evidence };
}

// sudo -n saying no (as opposed to the command under sudo failing): no password-less sudo for
// this user, or no sudo at all.
const SUDO_REFUSED =
  /sudo: (?:a password is required|a terminal is required|sorry, you must have a tty)|is not in the sudoers file|is not allowed to (?:run|execute)|may not run sudo|sudo: (?:command )?not found|sudo: not found/i;

export function sudoRefusal(run: TCommandRun): string | null {
  if (run.exitCode === 0 || run.interrupted) return null;
  const stderr = run.stderr.toString("utf8");
  const m = SUDO_REFUSED.exec(stderr);
  if (!m) return null;
  return /not found/i.test(m[0]) ? "sudo is not installed" : `sudo -n refused (${stderr.trim().split("\n")[0]})`;
}

export type TPrivileged = TRecorded & { asRoot: boolean; rootDenied: boolean };

// A command that needs root: as root, plainly; otherwise through `sudo -n`, and when sudo says
// no, plainly again with the output marked as seen without root. Never fails the host.
export async function recordPrivileged(
  session: TAuditSession,
  spec: { key: string; phase: TEvidence["phase"]; commandId: string; command: string; needsRoot: boolean },
): Promise<TPrivileged> {
  const { privilege } = session;
  if (!spec.needsRoot || privilege.isRoot) {
    return { ...(await record(session, spec)), asRoot: privilege.isRoot, rootDenied: false };
  }
  if (privilege.sudo !== "refused") {
    const viaSudo = await record(session, { ...spec, command: asRoot(spec.command) });
    const refusal = sudoRefusal(viaSudo.run);
    if (!refusal) {
      privilege.sudo = "works";
      return { ...viaSudo, asRoot: true, rootDenied: false };
    }
    privilege.sudo = "refused";
    privilege.sudoMessage ??= refusal;
    // The refused attempt stays on record under its own key; the plain run takes the main key.
    const moved = session.evidence.find((e) => e === viaSudo.evidence);
    if (moved) moved.key = uniqueKey(session, `${spec.key}:sudo`);
  }
  const plain = await record(session, spec);
  return { ...plain, asRoot: false, rootDenied: true };
}

export function notRootReason(session: TAuditSession): string {
  return `not root and ${session.privilege.sudoMessage ?? "sudo -n refused"}`;
}
