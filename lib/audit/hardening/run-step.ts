// Runs a hardening step's commands (or its rollback) through a given exec, one
// by one, stopping at the first that does not exit 0: nothing after it runs.
// Before-evidence first (the files the step touches, its verify commands),
// after-evidence last. Pure: the worker supplies the SSH exec.
import { evidenceHash } from "../evidence";
import { redact } from "../redact";
import type { TCommandRun } from "../ssh/exec";
import type { TStepFile } from "./types";

export type TStepExec = (command: string) => Promise<TCommandRun>;
export type TCommandPhase = "read-file" | "verify-before" | "apply" | "rollback" | "verify-after";

export type TCommandRecord = {
  phase: TCommandPhase;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  interrupted: string | null;
  truncated: boolean;
  redacted: boolean;
  // Over the exact bytes received, as for audit evidence (lib/audit/evidence.ts).
  sha256: string;
  durationMs: number;
};

export type TStepRunResult = {
  ok: boolean;
  records: TCommandRecord[];
  files: TStepFile[];
  // The command that failed, and the ones never run because of it.
  failed: { index: number; command: string } | null;
  notRun: string[];
};

// What is stored of one stream: redacted, and bounded so one noisy command cannot bloat the row.
const KEEP = 64 * 1024;

function record(phase: TCommandPhase, run: TCommandRun): TCommandRecord {
  const out = redact(run.stdout.toString("utf8"));
  const err = redact(run.stderr.toString("utf8"));
  return {
    phase,
    command: redact(run.command).text,
    stdout: out.text.slice(0, KEEP),
    stderr: err.text.slice(0, KEEP),
    exitCode: run.exitCode,
    interrupted: run.interrupted,
    truncated: run.truncated || out.text.length > KEEP || err.text.length > KEEP,
    redacted: out.redacted || err.redacted,
    sha256: evidenceHash(run.command, run.stdout, run.stderr, run.exitCode),
    durationMs: Math.round(run.durationMs),
  };
}

const succeeded = (r: TCommandRecord) => r.exitCode === 0 && !r.interrupted;

export async function runStep(step: { commands: string[]; verifyCommands: string[]; files: TStepFile[] }, mode: "apply" | "rollback", exec: TStepExec): Promise<TStepRunResult> {
  const records: TCommandRecord[] = [];
  const run = async (phase: TCommandPhase, command: string) => {
    const r = record(phase, await exec(command));
    records.push(r);
    return r;
  };
  // The files as they are before anything runs. A read that fails because there is no such
  // file means the step creates it; any other failure is recorded as such, not as "absent".
  const files: TStepFile[] = [];
  if (mode === "apply") {
    for (const f of step.files) {
      const r = await run("read-file", f.readCommand);
      const state = succeeded(r) ? "read" : r.exitCode === 1 && /No such file or directory|no crontab for/.test(r.stderr) ? "absent" : "unreadable";
      files.push({ ...f, state, before: state === "read" ? r.stdout : null });
    }
  } else files.push(...step.files);
  for (const v of step.verifyCommands) await run("verify-before", v);
  let failed: TStepRunResult["failed"] = null;
  for (const [index, command] of step.commands.entries()) {
    if (!succeeded(await run(mode, command))) {
      failed = { index, command: redact(command).text };
      break;
    }
  }
  for (const v of step.verifyCommands) await run("verify-after", v);
  return { ok: failed === null, records, files, failed, notRun: failed ? step.commands.slice(failed.index + 1).map((c) => redact(c).text) : [] };
}
