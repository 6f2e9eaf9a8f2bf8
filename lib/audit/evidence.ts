// Turns one command run into immutable evidence: hash of the exact bytes first, then redaction
// of what will be stored and shown.
import { createHash } from "node:crypto";
import type { TEvidence } from "./audit-types";
import type { TOutcome } from "./facts";
import { redact } from "./redact";
import type { TCommandRun } from "./ssh/exec";

const NUL = Buffer.from([0]);

// sha256 over command NUL stdout NUL stderr NUL exit-code, all as received (exit code in
// decimal; empty when there was none). A reviewer who re-runs the command can recompute it.
export function evidenceHash(command: string, stdout: Buffer, stderr: Buffer, exitCode: number | null): string {
  return createHash("sha256")
    .update(Buffer.from(command, "utf8"))
    .update(NUL)
    .update(stdout)
    .update(NUL)
    .update(stderr)
    .update(NUL)
    .update(exitCode === null ? "" : String(exitCode))
    .digest("hex");
}

export type TEvidenceInput = {
  key: string;
  phase: TEvidence["phase"];
  commandId: string;
  run: TCommandRun;
  outcome: TOutcome;
};

export function buildEvidence({ key, phase, commandId, run, outcome }: TEvidenceInput): TEvidence {
  const sha256 = evidenceHash(run.command, run.stdout, run.stderr, run.exitCode);
  const command = redact(run.command);
  const stdout = redact(run.stdout.toString("utf8"));
  const stderr = redact(run.stderr.toString("utf8"));
  return {
    key,
    phase,
    commandId,
    command: command.text,
    stdout: stdout.text,
    stderr: stderr.text,
    exitCode: run.exitCode,
    outcome,
    startedAt: run.startedAt,
    durationMs: Math.round(run.durationMs),
    sha256,
    truncated: run.truncated,
    redacted: command.redacted || stdout.redacted || stderr.redacted,
  };
}
