// The exact commands an audit sends, as data. Pure: no Next, no Prisma, no I/O.
//
// The strings are fixed on purpose: evidence records them verbatim, reviewers re-run them, and
// the demo fleet (scripts/lab/sim) replays hosts by exact command string. None of them needs a
// login shell's rc file; each runs under `sh -c` as sshd's exec does. A few use a glob and so
// rely on the remote shell, which is the same on every host (POSIX sh semantics).

import { shellQuote } from "./shell-quote";

export type TCommandPhase = "discovery" | "forensics";

export type TCommand = {
  id: string;
  command: string;
  phase: TCommandPhase;
  // Parser folder under lib/audit/parsers/ that reads this command's output.
  parser: string;
  // Output is incomplete or empty without root (the engine may run `asRoot(command)` instead).
  needsRoot?: boolean;
};

export const DISCOVERY_COMMANDS: readonly TCommand[] = [
  { id: "os-release", command: "cat /etc/os-release", phase: "discovery", parser: "os-release" },
  { id: "hostname", command: "hostname", phase: "discovery", parser: "hostname" },
  { id: "uname", command: "uname -a", phase: "discovery", parser: "uname" },
  { id: "whoami", command: "id", phase: "discovery", parser: "id" },
  {
    id: "systemd-services",
    command: "systemctl list-units --type=service --state=running --no-pager --plain",
    phase: "discovery",
    parser: "systemctl-list-units",
  },
  { id: "ss-tcp", command: "ss -H -tlnp", phase: "discovery", parser: "ss", needsRoot: true },
  { id: "ss-udp", command: "ss -H -ulnp", phase: "discovery", parser: "ss", needsRoot: true },
  {
    id: "docker-ps",
    command: "docker ps --no-trunc --format '{{json .}}'",
    phase: "discovery",
    parser: "docker-ps",
    needsRoot: true,
  },
  { id: "podman-ps", command: "podman ps --format json", phase: "discovery", parser: "podman-ps" },
  { id: "crontab-self", command: "crontab -l", phase: "discovery", parser: "crontab" },
  {
    id: "crontab-spool",
    command: "ls -1 /var/spool/cron/crontabs",
    phase: "discovery",
    parser: "crontab-spool",
    needsRoot: true,
  },
  { id: "etc-crontab", command: "cat /etc/crontab", phase: "discovery", parser: "crontab" },
  { id: "cron-d", command: "grep -rH . /etc/cron.d", phase: "discovery", parser: "cron-d" },
  {
    id: "cron-periodic",
    command: "ls -1 /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly",
    phase: "discovery",
    parser: "cron-periodic",
  },
  {
    id: "systemd-timers",
    command: "systemctl list-timers --all --no-pager",
    phase: "discovery",
    parser: "systemctl-list-timers",
  },
  { id: "nft-ruleset", command: "nft list ruleset", phase: "discovery", parser: "nft", needsRoot: true },
  { id: "iptables", command: "iptables -S", phase: "discovery", parser: "iptables", needsRoot: true },
  { id: "ufw-status", command: "ufw status verbose", phase: "discovery", parser: "ufw", needsRoot: true },
  { id: "passwd", command: "getent passwd", phase: "discovery", parser: "passwd" },
];

// A PID is an integer in 1..2^22 (Linux's PID_MAX_LIMIT); anything else is refused, so a
// template can never carry shell syntax from untrusted output into a command.
export const PID_MAX = 4_194_304;

export function assertPid(pid: unknown): number {
  if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid < 1 || pid > PID_MAX) {
    throw new Error(`invalid PID: ${String(pid)}`);
  }
  return pid;
}

export type TForensicsCommand = {
  id: string;
  phase: "forensics";
  parser: string;
  needsRoot: boolean;
  command: (pid: number) => string;
};

export const FORENSICS_COMMANDS: readonly TForensicsCommand[] = ([
  { id: "proc-exe", parser: "proc-link", needsRoot: true, command: (p: number) => `readlink /proc/${assertPid(p)}/exe` },
  { id: "proc-cmdline", parser: "proc-cmdline", needsRoot: false, command: (p: number) => `cat /proc/${assertPid(p)}/cmdline` },
  { id: "proc-cwd", parser: "proc-link", needsRoot: true, command: (p: number) => `readlink /proc/${assertPid(p)}/cwd` },
  { id: "proc-status", parser: "proc-status", needsRoot: false, command: (p: number) => `cat /proc/${assertPid(p)}/status` },
  { id: "proc-cgroup", parser: "proc-cgroup", needsRoot: false, command: (p: number) => `cat /proc/${assertPid(p)}/cgroup` },
  {
    id: "proc-ps",
    parser: "ps",
    needsRoot: false,
    command: (p: number) => `ps -o pid=,ppid=,user=,etimes=,lstart= -p ${assertPid(p)}`,
  },
] as const).map((c) => ({ ...c, phase: "forensics" as const }));

// Users come from untrusted output (the crontab spool listing), so the same rule applies.
const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export function assertUsername(name: unknown): string {
  if (typeof name !== "string" || !USERNAME.test(name)) throw new Error(`invalid user name: ${String(name)}`);
  return name;
}

export function crontabForUser(user: string): string {
  return `crontab -l -u ${assertUsername(user)}`;
}

// How a non-root audit user runs a root command: sudo without a password prompt (-n fails
// instead of hanging). Commands with shell syntax go through `sh -c` so sudo sees one program.
export function asRoot(command: string): string {
  if (/^[A-Za-z0-9_./ =-]+$/.test(command)) return `sudo -n ${command}`;
  return `sudo -n sh -c ${shellQuote(command)}`;
}

export const ALL_DISCOVERY_IDS = DISCOVERY_COMMANDS.map((c) => c.id);
