// One lab machine: an overlay over the image, booted by systemd-nspawn in its own network
// namespace, detached so it outlives `lab up`. Stopping it is SIGTERM to systemd-nspawn, which
// shuts the guest down cleanly.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { run, mustRun } from "./run";

export async function mountOverlay(image: string, dir: string): Promise<string> {
  const upper = path.join(dir, "upper");
  const work = path.join(dir, "work");
  const merged = path.join(dir, "merged");
  for (const d of [upper, work, merged]) mkdirSync(d, { recursive: true });
  await mustRun("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${image},upperdir=${upper},workdir=${work}`, merged]);
  return merged;
}

export async function unmount(merged: string) {
  if (!isMounted(merged)) return;
  const r = await run("umount", [merged]);
  if (r.code !== 0) await mustRun("umount", ["-l", merged]);
}

export function isMounted(p: string): boolean {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .some((l) => l.split(" ")[4] === p);
}

export function bootMachine(opts: { name: string; merged: string; netns: string; log: string; cgroups: string[] }): number {
  const fd = openSync(opts.log, "a");
  try {
    // sh joins the machine's own cgroups, then becomes systemd-nspawn (same PID).
    const join = 'for d in $PALISADE_CGROUPS; do echo $$ > "$d/cgroup.procs" || exit 1; done; exec systemd-nspawn "$@"';
    const child = spawn(
      "sh",
      [
        "-c",
        join,
        "sh",
        "-b",
        "--register=no",
        "--keep-unit",
        "--console=pipe",
        `--network-namespace-path=/run/netns/${opts.netns}`,
        "--resolv-conf=off",
        "--timezone=off",
        "--link-journal=no",
        // nftables inside the guest (the firewalled scenario); it only reaches the guest's netns.
        "--capability=CAP_NET_ADMIN",
        `--machine=${opts.name}`,
        `--directory=${opts.merged}`,
      ],
      { detached: true, stdio: ["ignore", fd, fd], env: { ...process.env, PALISADE_CGROUPS: opts.cgroups.join(" ") } },
    );
    child.unref();
    if (child.pid === undefined) throw new Error(`systemd-nspawn did not start for ${opts.name}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

// A PID is ours only if it is still the systemd-nspawn we started on this host's directory:
// PIDs are reused, and we signal nothing else.
export function isOurMachine(pid: number, merged: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (/\) Z /.test(stat)) return false;
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    // "sh" only in the instant before it execs systemd-nspawn (see bootMachine).
    const prog = path.basename(argv[0] ?? "");
    return (prog === "systemd-nspawn" || prog === "sh") && argv.includes(`--directory=${merged}`);
  } catch {
    return false;
  }
}

// SIGTERM asks nspawn to halt the guest. A guest still early in boot may not act on that
// request yet; nspawn then takes a second SIGTERM as "terminate now". SIGKILL is the last
// resort, after which the guest's own processes are killed through its cgroup (see cgroup.ts).
export async function stopMachine(pid: number, merged: string, graceMs = 15_000): Promise<"stopped" | "killed" | "gone"> {
  if (!isOurMachine(pid, merged)) return "gone";
  const waitGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!isOurMachine(pid, merged)) return true;
      await sleep(50);
    }
    return !isOurMachine(pid, merged);
  };
  process.kill(pid, "SIGTERM");
  if (await waitGone(graceMs)) return "stopped";
  if (isOurMachine(pid, merged)) process.kill(pid, "SIGTERM");
  if (await waitGone(5_000)) return "stopped";
  if (isOurMachine(pid, merged)) process.kill(pid, "SIGKILL");
  await waitGone(5_000);
  return "killed";
}

// Finds nspawn processes booted on a directory under `hostsDir` (for a `down` without state).
export function findMachinesUnder(hostsDir: string): Array<{ pid: number; merged: string }> {
  const found: Array<{ pid: number; merged: string }> = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!["systemd-nspawn", "sh"].includes(path.basename(argv[0] ?? ""))) continue;
      const dirArg = argv.find((a) => a.startsWith("--directory="));
      const merged = dirArg?.slice("--directory=".length);
      if (merged && merged.startsWith(`${hostsDir}/`)) found.push({ pid: Number(entry), merged });
    } catch {}
  }
  return found;
}

// sshd is up when the port answers with an SSH banner (resolves with the banner line).
export function waitForSshBanner(host: string, port: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect({ host, port });
      let buf = "";
      let settled = false;
      const retry = (why: string) => {
        if (settled) return;
        settled = true;
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`${host}:${port}: no SSH banner after ${timeoutMs} ms (${why})`));
        else setTimeout(attempt, 100);
      };
      sock.setTimeout(1000, () => retry("timeout"));
      sock.on("data", (d) => {
        buf += d.toString("latin1");
        if (buf.startsWith("SSH-") && buf.includes("\n") && !settled) {
          settled = true;
          sock.destroy();
          resolve(buf.split("\r\n")[0]!.split("\n")[0]!);
        }
      });
      sock.on("error", (e) => retry(e.message));
      sock.on("close", () => retry("closed"));
    };
    attempt();
  });
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
