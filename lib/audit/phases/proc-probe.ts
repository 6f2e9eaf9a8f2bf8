// Everything /proc and ps say about a PID: the FORENSICS_COMMANDS, batched over all PIDs, each
// recorded as evidence ("proc-exe:1234"), parsed, and what could not be read said in words.
import { FORENSICS_COMMANDS, assertPid, type TForensicsCommand } from "../command-set";
import type { TCgroup, TProcStatus, TPsRow } from "../facts";
import { parseProcOutput, type TProcParsed } from "./parse-output";
import { notRootReason, recordPrivilegedMany, type TAuditSession, type TPrivileged } from "./session";

export type TProcInfo = {
  pid: number;
  exe: { path: string; deleted: boolean } | null;
  cmdline: string[] | null;
  cwd: string | null;
  status: TProcStatus | null;
  cgroup: TCgroup | null;
  ps: TPsRow | null;
  evidence: string[];
  hidden: string[];
  gone: boolean; // the process exited between ss and forensics
};

const LABEL: Record<string, string> = {
  "proc-exe": "exe",
  "proc-cmdline": "cmdline",
  "proc-cwd": "cwd",
  "proc-status": "status",
  "proc-cgroup": "cgroup",
  "proc-ps": "ps",
};

function whyUnread(session: TAuditSession, r: TPrivileged): string | null {
  const stderr = r.run.stderr.toString("utf8");
  if (r.run.interrupted === "timeout") return "timed out";
  if (r.run.interrupted === "channel-refused") return "not run (no SSH channel)";
  if (/No such file or directory|No such process/i.test(stderr)) return "process gone";
  if (r.outcome === "permission-denied" || (r.rootDenied && r.run.exitCode !== 0)) return `permission denied without root (${notRootReason(session)})`;
  if (r.run.exitCode !== 0) return `failed (exit ${r.run.exitCode ?? "none"})`;
  return null;
}

function infoOf(session: TAuditSession, pid: number, results: { f: TForensicsCommand; r: TPrivileged }[]): TProcInfo {
  const info: TProcInfo = { pid, exe: null, cmdline: null, cwd: null, status: null, cgroup: null, ps: null, evidence: [], hidden: [], gone: false };
  for (const { f, r } of results) {
    info.evidence.push(r.key);
    const label = LABEL[f.id] ?? f.id;
    const why = whyUnread(session, r);
    // readlink exits 1 with no message when it may not read the link (not root).
    if (why) {
      if (why === "process gone") info.gone = true;
      info.hidden.push(`${label}: ${why}`);
      continue;
    }
    const parsed: TProcParsed = parseProcOutput(f.parser, r.text, { key: r.key, command: r.run.command, auditUser: session.privilege.user });
    info.hidden.push(...parsed.notes.map((n) => `${label}: ${n}`));
    if (f.id === "proc-exe") info.exe = parsed.link;
    else if (f.id === "proc-cwd") info.cwd = parsed.link?.path ?? null;
    else if (f.id === "proc-cmdline") info.cmdline = parsed.cmdline;
    else if (f.id === "proc-status") info.status = parsed.status;
    else if (f.id === "proc-cgroup") info.cgroup = parsed.cgroup;
    else if (f.id === "proc-ps") info.ps = parsed.ps;
  }
  if (info.gone) info.hidden = [`process ${pid} exited before it could be examined`, ...info.hidden.filter((h) => !h.endsWith("process gone"))];
  return info;
}

// Every PID at once: all their commands go out as one batch.
export async function probeProcesses(session: TAuditSession, pidsIn: readonly number[]): Promise<Map<number, TProcInfo>> {
  const pids = [...new Set(pidsIn.map(assertPid))];
  const plan = pids.flatMap((pid) => FORENSICS_COMMANDS.map((f) => ({ pid, f })));
  const results = await recordPrivilegedMany(
    session,
    plan.map(({ pid, f }) => ({ key: `${f.id}:${pid}`, phase: "forensics" as const, commandId: f.id, command: f.command(pid), needsRoot: f.needsRoot })),
  );
  const n = FORENSICS_COMMANDS.length; // the plan is PID-major: each PID's commands in a row
  return new Map(pids.map((pid, k) => [pid, infoOf(session, pid, FORENSICS_COMMANDS.map((f, j) => ({ f, r: results[k * n + j]! })))]));
}
