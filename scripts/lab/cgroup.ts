// Each machine gets its own cgroup. systemd-nspawn --keep-unit uses the cgroup it is started
// in (creating payload/ and supervisor/ inside it); started side by side from one process, all
// guests would share one payload/ and their systemds would create, and remove, each other's
// system.slice/*.service groups (seen as 219/CGROUP failures at boot).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = "/sys/fs/cgroup";
const GROUP = "palisade-lab";

// The hierarchies systemd-nspawn uses: the unified one, plus name=systemd on a hybrid host.
export function cgroupHierarchies(): string[] {
  if (existsSync(path.join(ROOT, "cgroup.controllers"))) return [ROOT];
  return [path.join(ROOT, "unified"), path.join(ROOT, "systemd")].filter((d) => existsSync(path.join(d, "cgroup.procs")));
}

export function machineCgroups(name: string): string[] {
  return cgroupHierarchies().map((h) => path.join(h, GROUP, name));
}

export function createMachineCgroups(name: string): string[] {
  const dirs = machineCgroups(name);
  for (const d of dirs) mkdirSync(d, { recursive: true });
  return dirs;
}

function rmdirTree(dir: string) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const child = path.join(dir, entry);
    try {
      if (statSync(child).isDirectory()) rmdirTree(child);
    } catch {}
  }
  try {
    rmdirSync(dir); // cgroup directories go with rmdir once they hold no process
  } catch {}
}

export function removeMachineCgroups(name: string) {
  for (const d of machineCgroups(name)) rmdirTree(d);
}

// Removes what is left of the lab's cgroup tree (only our own group, only when empty).
export function removeLabCgroups(): string[] {
  const left: string[] = [];
  for (const h of cgroupHierarchies()) {
    const g = path.join(h, GROUP);
    rmdirTree(g);
    if (existsSync(g)) left.push(g);
  }
  return left;
}

// Kills whatever still runs in a machine's cgroups: the guest's processes outlive a SIGKILLed
// systemd-nspawn (they are in their own PID namespace, not its children). cgroup.kill where the
// kernel has it (5.14+), else each PID listed in cgroup.procs. Only our own machine's groups.
export function killMachineCgroups(name: string): void {
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    const kill = path.join(dir, "cgroup.kill");
    if (existsSync(kill)) {
      try {
        writeFileSync(kill, "1");
      } catch {}
    }
    try {
      for (const pid of readFileSync(path.join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {}
      }
    } catch {}
    for (const entry of readdirSync(dir)) {
      const child = path.join(dir, entry);
      try {
        if (statSync(child).isDirectory()) walk(child);
      } catch {}
    }
  };
  for (const d of machineCgroups(name)) walk(d);
}

function hasProcesses(dir: string): boolean {
  if (!existsSync(dir)) return false;
  try {
    if (readFileSync(path.join(dir, "cgroup.procs"), "utf8").trim() !== "") return true;
  } catch {}
  return readdirSync(dir).some((e) => {
    const child = path.join(dir, e);
    try {
      return statSync(child).isDirectory() && hasProcesses(child);
    } catch {
      return false;
    }
  });
}

// Killed processes leave their cgroup a moment later; rmdir fails until they have.
export async function waitLabCgroupsEmpty(timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const groups = cgroupHierarchies().map((h) => path.join(h, GROUP));
  while (groups.some(hasProcesses)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
