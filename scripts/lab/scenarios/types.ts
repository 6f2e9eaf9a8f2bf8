// A lab scenario is data: what one host runs and what a correct audit must find on it.
// The renderer (scripts/lab/host/render.ts) turns it into files in the host's overlay.

export type TSeverity = "critical" | "high" | "medium" | "low";
export type TProto = "tcp" | "udp";

export type TUser = { name: string; shell?: string; groups?: string[] };

// A file in the guest. `content` replaces it; `edits` rewrites a file the image already has.
export type TFile =
  | { path: string; content: string; mode?: number; owner?: string }
  | { path: string; edits: Array<[from: string, to: string]> };

export type TCustomUnit = {
  name: string; // "metrics-exporter.service"
  description: string;
  user?: string;
  workingDirectory?: string;
  execStart: string;
  wantedBy?: string; // default multi-user.target
};

export type TTimer = {
  name: string; // "report-sync" -> report-sync.timer + report-sync.service
  description: string;
  onCalendar: string;
  execStart: string;
  user?: string;
};

// What `ss -H -tlnp` / `ss -H -ulnp` show as root: local address as ss prints it.
export type TListener = {
  proto: TProto;
  address: string; // "0.0.0.0", "127.0.0.1", "*", "[::]", "[::1]"
  port: number;
  process: string; // the name ss prints in users:(("name",...))
  unit?: string; // systemd unit from /proc/PID/cgroup
  user: string;
};

export type TExpectedFinding = {
  severity: TSeverity;
  proto: TProto;
  port: number;
  bind: string;
  owner: { process: string; user: string; unit?: string; exe?: string; cwd?: string };
  reason: string;
};

// Which way probes through the SSH connection should see each port (used by the sim fleet).
export type TProbeKind = "http" | "https" | "redis" | "memcached" | "postgres" | "node-inspector" | "silent";

export type TScenario = {
  id: string;
  title: string;
  // up: a booted machine. unreachable: an address with no machine behind it.
  // host-key-changed: a booted machine whose recorded (pinned) key is not the key it presents.
  reach: "up" | "unreachable" | "host-key-changed";
  auditUser: { name: string; sudo: "root" | "nopasswd" | "none" };
  users?: TUser[];
  // Packaged units to enable (the image ships every service disabled except ssh, cron, dbus).
  services?: string[];
  units?: TCustomUnit[];
  timers?: TTimer[];
  crontabs?: Array<{ user: string; lines: string[] }>;
  files?: TFile[];
  remove?: string[]; // paths from the image to delete (e.g. nginx's default site)
  nftables?: string; // ruleset loaded at boot by nftables.service
  probes?: Array<{ port: number; kind: TProbeKind }>;
  expected: {
    outcome: "audited" | "unreachable" | "host-key-mismatch";
    services: string[]; // units in `systemctl list-units --state=running` (besides the common ones)
    listeners: TListener[]; // besides sshd on 0.0.0.0:22 and [::]:22
    findings: TExpectedFinding[];
  };
};

export const COMMON_SERVICES = [
  "cron.service",
  "dbus.service",
  "ssh.service",
  "systemd-journald.service",
  "systemd-logind.service",
];

export const COMMON_LISTENERS: TListener[] = [
  { proto: "tcp", address: "0.0.0.0", port: 22, process: "sshd", unit: "ssh.service", user: "root" },
  { proto: "tcp", address: "[::]", port: 22, process: "sshd", unit: "ssh.service", user: "root" },
];
