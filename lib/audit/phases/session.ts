// What the phases share while auditing one host: the connection, the limits, the evidence
// recorded so far (kept even when the host later fails), and what the audit user may do.
import { asRoot } from "../command-set";
import type { TAuditLimits, TEvidence } from "../audit-types";
import { buildEvidence } from "../evidence";
import type { TOutcome } from "../facts";
import { classifyOutcome } from "../parsers/outcome";
import { runCommand, type TCommandRun } from "../ssh/exec";
import { runCommands } from "../ssh/run-batch";
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

type TRecordSpec = { key: string; phase: TEvidence["phase"]; commandId: string; command: string };

function recordRun(session: TAuditSession, spec: TRecordSpec, run: TCommandRun): TRecorded {
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

const runOptions = (session: TAuditSession) => ({ timeoutMs: session.limits.commandTimeoutMs, maxOutputBytes: session.limits.maxOutputBytes });

// Runs one command-set string on its own channel and records it as evidence under `key`.
export async function record(session: TAuditSession, spec: TRecordSpec): Promise<TRecorded> {
  return recordRun(session, spec, await runCommand(session.conn, spec.command, runOptions(session)));
}

// Runs many command-set strings through one batched channel (see ssh/run-batch.ts), each
// recorded exactly as `record` would, in the order given.
export async function recordMany(session: TAuditSession, specs: readonly TRecordSpec[]): Promise<TRecorded[]> {
  const runs = await runCommands(session.conn, specs.map((s) => s.command), runOptions(session));
  return specs.map((spec, i) => recordRun(session, spec, runs[i]!));
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

type TPrivilegedSpec = TRecordSpec & { needsRoot: boolean };

// Commands that need root: as root, plainly; otherwise through `sudo -n`, and where sudo says
// no, plainly again with the output marked as seen without root. Never fails the host. All
// first attempts go out as one batch, the plain re-runs after a refusal as a second.
export async function recordPrivilegedMany(session: TAuditSession, specs: readonly TPrivilegedSpec[]): Promise<TPrivileged[]> {
  const { privilege } = session;
  const direct = (s: TPrivilegedSpec) => !s.needsRoot || privilege.isRoot;
  const trySudo = privilege.sudo !== "refused";
  const first = await recordMany(session, specs.map((s) => (direct(s) || !trySudo ? s : { ...s, command: asRoot(s.command) })));
  const results: (TPrivileged | undefined)[] = [];
  const again: number[] = [];
  specs.forEach((spec, i) => {
    const r = first[i]!;
    if (direct(spec)) results[i] = { ...r, asRoot: privilege.isRoot, rootDenied: false };
    else if (!trySudo) results[i] = { ...r, asRoot: false, rootDenied: true };
    else {
      const refusal = sudoRefusal(r.run);
      if (!refusal) {
        privilege.sudo = "works";
        results[i] = { ...r, asRoot: true, rootDenied: false };
        return;
      }
      privilege.sudo = "refused";
      privilege.sudoMessage ??= refusal;
      // The refused attempt stays on record under its own key; the plain run takes the main key.
      r.evidence.key = uniqueKey(session, `${spec.key}:sudo`);
      again.push(i);
    }
  });
  const plain = await recordMany(session, again.map((i) => specs[i]!));
  again.forEach((i, k) => (results[i] = { ...plain[k]!, asRoot: false, rootDenied: true }));
  return results as TPrivileged[];
}

export function notRootReason(session: TAuditSession): string {
  return `not root and ${session.privilege.sudoMessage ?? "sudo -n refused"}`;
}
