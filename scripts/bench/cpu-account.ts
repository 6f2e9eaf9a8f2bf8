// Where the CPU went during one measured step of `bench sshd`. The lab machines share this
// box's cores with the auditor, so on a small box throughput follows total CPU per host: the
// audited side (every lab machine's cgroup: sshd, the shells and commands it starts) and the
// auditing side (this process and its Postgres, or the ssh/ansible processes it waited for).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cgroupHierarchies } from "../lab/cgroup";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function labCpuSeconds(): number {
  for (const h of cgroupHierarchies()) {
    const file = `${h}/palisade-lab/cpu.stat`;
    if (!existsSync(file)) continue;
    const m = /^usage_usec (\d+)$/m.exec(readFileSync(file, "utf8"));
    if (m) return Number(m[1]) / 1e6;
  }
  return Number.NaN;
}

// Fields after the command name in /proc/PID/stat: utime, stime, cutime, cstime are 14..17 (1-based).
export function statTimes(pid: string): { self: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return { self: (f[11]! + f[12]!) / TICKS_PER_SECOND, children: (f[13]! + f[14]!) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

// The bench's own Postgres: server processes whose parent chain is this process.
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      if (!descendsFromUs(pid)) continue;
      total += statTimes(pid)?.self ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function descendsFromUs(pid: string): boolean {
  for (let p = pid, hops = 0; p !== "0" && p !== "1" && hops < 16; hops++) {
    if (p === String(process.pid)) return true;
    const stat = readFileSync(`/proc/${p}/stat`, "utf8");
    p = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]!;
  }
  return false;
}

export type TCpuSnapshot = { lab: number; self: number; children: number; postgres: number };

export function cpuSnapshot(): TCpuSnapshot {
  const self = process.cpuUsage();
  return { lab: labCpuSeconds(), self: (self.user + self.system) / 1e6, children: statTimes(String(process.pid))?.children ?? 0, postgres: postgresCpuSeconds() };
}

// CPU seconds between two snapshots: the lab machines, and the auditing side.
export function cpuSpent(a: TCpuSnapshot, b: TCpuSnapshot, side: "in-process" | "children") {
  const auditor = side === "in-process" ? b.self - a.self + (b.postgres - a.postgres) : b.children - a.children;
  return { labCpuSeconds: +(b.lab - a.lab).toFixed(2), auditorCpuSeconds: +auditor.toFixed(2) };
}
