// A verification run on one host: the audit's discovery and forensics (no probes: they would
// connect to the very ports a step closed, and the judgement needs none), then, on a second
// connection, the independent reads and each applied step's own verify commands, and a TCP
// connection attempt from this machine to each port a step is about. Never throws; a host that
// cannot be verified fails like an audit does, with its evidence so far.
import { auditHost, type TAuditHostOptions } from "../audit-host";
import { DEFAULT_LIMITS, type TAuditTarget, type THostAuditResult } from "../audit-types";
import type { TSourced } from "../facts";
import { createSession, recordMany } from "../phases/session";
import { parseProcNet, type TProcNetSocket } from "../parsers/proc-net/parse";
import { asAuditFailure } from "../ssh/failure";
import { openConnection } from "../ssh/open-connection";
import { PROC_NET_COMMAND, verifyCommandKey } from "./commands";
import { checkFromOutside, type TOutsideCheck } from "./reach-from-outside";

// tcpPorts: every TCP port a judged step is about, applied or rolled back.
export type TVerifyPlan = { steps: { id: string; verifyCommands: string[] }[]; tcpPorts: number[] };

// A dropped port answers nothing: this is how long the attempt from outside waits.
const OUTSIDE_TIMEOUT_MS = 3000;

export type TVerificationChecks = {
  procNet: TSourced<TProcNetSocket>[];
  procNetKeys: string[];
  // Lines of /proc/net the parser could not read, for the host's "not seen" list.
  notes: string[];
  steps: { id: string; commands: { key: string; command: string; exitCode: number | null }[] }[];
  // Empty when the host is reached through this machine's loopback (nothing to learn from outside).
  outside: TOutsideCheck[];
};

export type THostVerifyResult = THostAuditResult & { checks?: TVerificationChecks };

export async function verifyHost(target: TAuditTarget, plan: TVerifyPlan, opts: Omit<TAuditHostOptions, "probes">): Promise<THostVerifyResult> {
  const audit = await auditHost(target, { ...opts, probes: false });
  if (!audit.ok) return audit;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let conn: Awaited<ReturnType<typeof openConnection>> | null = null;
  try {
    // The audit pinned (or matched) the key it was shown; the second connection must see the same.
    conn = await openConnection({ ...target, pinnedFingerprint: audit.presentedFingerprint }, { connectTimeoutMs: limits.connectTimeoutMs, maxChannels: limits.maxChannels, signal: opts.signal });
    const session = createSession(conn, limits);
    session.evidence.push(...audit.evidence); // keys stay unique across both connections
    // /proc/net and every step's verify commands through one batch (one exec channel), as
    // discovery's reads go; results come back in the order sent.
    const runs = await recordMany(session, [
      { key: PROC_NET_COMMAND.id, phase: "verification", commandId: PROC_NET_COMMAND.id, command: PROC_NET_COMMAND.command },
      ...plan.steps.flatMap((step) => step.verifyCommands.map((command, i) => ({ key: verifyCommandKey(step.id, i), phase: "verification" as const, commandId: "verify-command", command }))),
    ]);
    const proc = runs[0]!;
    const parsed = parseProcNet(proc.text);
    let next = 1;
    const steps: TVerificationChecks["steps"] = plan.steps.map((step) => ({
      id: step.id,
      commands: step.verifyCommands.map(() => {
        const r = runs[next++]!;
        return { key: r.key, command: r.evidence.command, exitCode: r.run.exitCode };
      }),
    }));
    const outside = await checkFromOutside(target.address, plan.tcpPorts, { timeoutMs: OUTSIDE_TIMEOUT_MS });
    session.evidence.push(...outside.evidence);
    const notes = parsed.unparsed.length ? [`${proc.key}: ${parsed.unparsed.length} line(s) not understood; the raw output is kept as evidence`] : [];
    return {
      ...audit,
      evidence: session.evidence,
      facts: { ...audit.facts, hidden: [...audit.facts.hidden, ...session.hidden, ...notes] },
      checks: { procNet: parsed.items.map((s) => ({ ...s, evidence: [proc.key] })), procNetKeys: [proc.key], notes, steps, outside: outside.checks },
    };
  } catch (err) {
    const failure = asAuditFailure(err);
    return { ok: false, reason: failure.reason, message: `verification reads: ${failure.message}`, presentedFingerprint: audit.presentedFingerprint, evidence: audit.evidence };
  } finally {
    conn?.close();
  }
}

