// The engine's contract with the worker: what it needs to audit one host and
// what it returns. Pure types: no Next, no Prisma.
import type { TProbe } from "./classification-types";
import type { THostFacts, TOutcome, TSourced } from "./facts";

export type TAuth = { kind: "key"; privateKey: string; passphrase?: string } | { kind: "password"; password: string };

export type TAuditTarget = {
  address: string;
  port: number;
  username: string;
  auth: TAuth;
  // "SHA256:..." pinned for this host, or null on first contact (trust on first use:
  // the engine records what it saw; a person approves it).
  pinnedFingerprint: string | null;
};

export type TAuditLimits = {
  connectTimeoutMs: number; // TCP + handshake + auth
  commandTimeoutMs: number; // one command
  hostTimeoutMs: number; // the whole host
  maxChannels: number; // concurrent exec channels per connection (sshd MaxSessions is 10)
  maxOutputBytes: number; // per stream per command; the rest is cut and marked truncated
};

export const DEFAULT_LIMITS: TAuditLimits = {
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 15_000,
  hostTimeoutMs: 120_000,
  maxChannels: 5,
  maxOutputBytes: 1024 * 1024,
};

export type TAuditStage = "connecting" | "discovering" | "forensics" | "probing";

// One command as run, immutable once recorded. Output is stored redacted; the
// hash is of the exact bytes received, so integrity survives redaction.
export type TEvidence = {
  key: string; // unique within the host audit: "ss-tcp", "proc-exe:1234"
  phase: "discovery" | "forensics" | "probe" | "verification";
  commandId: string;
  command: string; // exactly as sent (redacted if it carried a secret)
  stdout: string; // redacted
  stderr: string; // redacted
  exitCode: number | null; // null: killed by timeout or connection loss
  outcome: TOutcome;
  startedAt: Date;
  durationMs: number;
  sha256: string; // of the unredacted command, stdout and stderr, exit code
  truncated: boolean;
  redacted: boolean;
};

export type TFailureReason = "unreachable" | "auth-refused" | "host-key-changed" | "timeout" | "connection-lost" | "error";

export type THostAuditResult =
  | {
      ok: true;
      presentedFingerprint: string;
      firstContact: boolean;
      evidence: TEvidence[];
      facts: THostFacts;
      // One per TCP listener not bound to loopback, in the order of facts.listeners.
      probes: TSourced<TProbe>[];
    }
  | { ok: false; reason: TFailureReason; message: string; presentedFingerprint: string | null; evidence: TEvidence[] };
