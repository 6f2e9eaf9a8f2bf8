// Each machine gets its own cgroup. systemd-nspawn --keep-unit uses the cgroup it is started
// in (creating payload/ and supervisor/ inside it); started side by side from one process, all
// guests would share one payload/ and their systemds would create, and remove, each other's
// system.slice/*.service groups (seen as 219/CGROUP failures at boot).
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
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
