// Audits one host: connect, discovery, forensics, probes, within the whole-host timeout and until
// cancelled. Never throws: every failure comes back as { ok: false, reason, message } with the
// evidence recorded up to that point. Probes never fail the host: a probe that learns nothing
// says so in its own record.
import { DEFAULT_LIMITS, type TAuditLimits, type TAuditStage, type TAuditTarget, type THostAuditResult } from "./audit-types";
import { runDiscovery } from "./phases/discovery";
import { runForensics } from "./phases/forensics";
import { createSession, type TAuditSession } from "./phases/session";
import type { TProbeLimits } from "./probes/limits";
import { runProbes } from "./probes/run-probes";
import { AuditFailure, asAuditFailure } from "./ssh/failure";
import { openConnection, type TAuditConnection } from "./ssh/open-connection";

export type TAuditHostOptions = {
  limits?: Partial<TAuditLimits>;
  onStage?: (stage: TAuditStage) => void;
  signal?: AbortSignal;
  probeLimits?: Partial<TProbeLimits>;
  // Active probing through port forwarding; off where the rules of engagement forbid it.
  probes?: boolean;
};

// Probing stops this long before the host's deadline, so that a host with many silent ports
// still ends with its facts rather than a timeout.
const PROBE_MARGIN_MS = 2000;

// Resolves with the phase's value, or rejects as soon as the audit is aborted, whatever the
// phase is waiting on.
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

export async function auditHost(target: TAuditTarget, opts: TAuditHostOptions = {}): Promise<THostAuditResult> {
  const limits: TAuditLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const hostDeadline = Date.now() + limits.hostTimeoutMs;
  const stop = new AbortController();
  const hostTimer = setTimeout(
    () => stop.abort(new AuditFailure("timeout", `the audit of this host did not finish within ${Math.round(limits.hostTimeoutMs / 1000)} s and was stopped`)),
    limits.hostTimeoutMs,
  );
  const onCancel = () => stop.abort(new AuditFailure("error", "audit cancelled"));
  if (opts.signal?.aborted) onCancel();
  else opts.signal?.addEventListener("abort", onCancel, { once: true });
  const stage = (s: TAuditStage) => {
    try {
      opts.onStage?.(s);
    } catch {
      // Progress reporting must not break the audit.
    }
  };

  let conn: TAuditConnection | null = null;
  let session: TAuditSession | null = null;
  const closeOnAbort = () => conn?.close();
  stop.signal.addEventListener("abort", closeOnAbort, { once: true });
  try {
    stage("connecting");
    conn = await untilAborted(openConnection(target, { connectTimeoutMs: limits.connectTimeoutMs, maxChannels: limits.maxChannels, signal: stop.signal }), stop.signal);
    session = createSession(conn, limits);
    stage("discovering");
    const discovery = await untilAborted(runDiscovery(session), stop.signal);
    stage("forensics");
    const owners = await untilAborted(runForensics(session, discovery), stop.signal);
    let probes: Awaited<ReturnType<typeof runProbes>> = [];
    if (opts.probes === false) {
      session.hidden.push("probes: not run (active probing is turned off); auth and TLS are not known");
    } else {
      stage("probing");
      const margin = Math.min(PROBE_MARGIN_MS, limits.hostTimeoutMs / 10);
      probes = await untilAborted(runProbes(session, discovery.facts.listeners, { limits: opts.probeLimits, deadline: hostDeadline - margin }), stop.signal);
    }
    return {
      ok: true,
      presentedFingerprint: conn.presentedFingerprint,
      firstContact: conn.firstContact,
      evidence: [...session.evidence],
      facts: { ...discovery.facts, owners, hidden: [...new Set(session.hidden)] },
      probes,
    };
  } catch (err) {
    // Once aborted, the abort's reason is the truth (the connection loss it caused is not).
    const failure = stop.signal.aborted ? asAuditFailure(stop.signal.reason) : asAuditFailure(err);
    return {
      ok: false,
      reason: failure.reason,
      message: failure.message,
      presentedFingerprint: conn?.presentedFingerprint ?? failure.presentedFingerprint,
      evidence: session ? [...session.evidence] : [],
    };
  } finally {
    clearTimeout(hostTimer);
    opts.signal?.removeEventListener("abort", onCancel);
    stop.signal.removeEventListener("abort", closeOnAbort);
    conn?.close();
  }
}
