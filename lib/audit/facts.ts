// The typed facts an audit produces, the contract between parsers, phases,
// persistence and UI. Pure types: no Next, no Prisma.

// A line a parser could not read: kept with its raw text, never thrown.
export type TUnparsed = { line: number; raw: string; reason: string };
export type TParsed<T> = { items: T[]; unparsed: TUnparsed[] };

// What a command's exit tells beyond its stdout. A missing tool or daemon is a
// recorded fact about the host, not a failure of the audit.
export type TOutcome =
  | "ok"
  | "empty" // ran fine, nothing to report (e.g. `crontab -l`: no crontab for user)
  | "command-not-found"
  | "no-systemd" // systemctl present but PID 1 is not systemd
  | "no-daemon" // e.g. docker client present, engine not running
  | "permission-denied" // e.g. sudo -n refused, or a root-only file
  | "error";

export type TOsIdentity = { id: string | null; versionId: string | null; prettyName: string | null; name: string | null };
export type TUname = { kernelName: string; nodeName: string; kernelRelease: string; machine: string | null; raw: string };
export type TIdentity = { uid: number; user: string; gid: number | null; groups: string[] };

export type TService = { unit: string; load: string; active: string; sub: string; description: string };

export type TBindScope = "loopback" | "all" | "specific";
export type TSocketProcess = { name: string; pid: number; fd: number | null };
export type TListener = {
  proto: "tcp" | "udp";
  state: string; // LISTEN, UNCONN, ...
  // As ss prints it, without brackets: "0.0.0.0", "::", "127.0.0.1", "*", "10.0.0.5", "::1", "fe80::1".
  address: string;
  // "%lo", "%eth0" suffix, if any.
  interface: string | null;
  port: number;
  family: "ipv4" | "ipv6" | "any"; // "*" = any (dual-stack)
  bindScope: TBindScope;
  processes: TSocketProcess[];
  // ss printed no users:(...) — typically a non-root audit user. Owner unknown, not absent.
  processInfoHidden: boolean;
};

export type TPublishedPort = { hostIp: string; hostPort: number; containerPort: number; proto: "tcp" | "udp" };
export type TContainer = { runtime: "docker" | "podman"; id: string; image: string; names: string[]; status: string; ports: TPublishedPort[]; command: string | null };

export type TCronJob = {
  // Where it was found: "crontab -l (root)", "/etc/crontab", "/etc/cron.d/foo", "/etc/cron.daily".
  source: string;
  schedule: string; // "*/5 * * * *", "@reboot", "@daily"
  user: string | null; // system crontabs name the user; a user's crontab belongs to that user
  command: string;
};

export type TTimer = { unit: string; activates: string | null; next: string | null; last: string | null };

export type TFirewallRule = {
  tool: "nftables" | "iptables" | "ufw";
  // Table/chain where the tool has them ("inet filter input").
  chain: string;
  // Verdict of the rule, lower-case: "drop", "reject", "accept", ...
  action: string;
  proto: "tcp" | "udp" | null;
  ports: number[]; // empty = any port
  source: string | null;
  // Matches the fields above cannot hold (input interface, conntrack state, negated or named
  // ports, rate limits...), as the tool printed them. A rule with conditions does not apply
  // to all traffic on its ports: `iifname "lo" accept` is not "accept everything".
  conditions?: string[];
  raw: string;
};
export type TFirewall = { tool: "nftables" | "iptables" | "ufw"; active: boolean; defaultInputPolicy: string | null; rules: TFirewallRule[] };

export type TUser = { name: string; uid: number; gid: number; home: string; shell: string };

export type TProcStatus = { name: string; pid: number; ppid: number; uid: number; euid: number; gid: number };
export type TCgroup = { path: string; systemdUnit: string | null; containerId: string | null };
export type TPsRow = { pid: number; ppid: number; user: string; elapsedSeconds: number; startedAt: string };

// Phase 2's answer to "who owns this port", one per non-loopback listener.
export type TListenerOwner = {
  proto: "tcp" | "udp";
  address: string;
  port: number;
  pid: number | null;
  processName: string | null;
  exe: string | null;
  exeDeleted: boolean;
  cmdline: string[] | null;
  cwd: string | null;
  user: string | null;
  uid: number | null;
  ppid: number | null;
  parentCmdline: string[] | null;
  systemdUnit: string | null;
  containerId: string | null;
  // docker-proxy (or rootlessport) mapped to the container that publishes the port.
  publishedBy: { containerId: string; name: string; image: string } | null;
  startedAt: string | null;
  // What could not be read and why (e.g. "exe: permission denied without root").
  hidden: string[];
};

// Every fact names the evidence it was read from, by evidence key (see
// lib/audit/audit-types.ts), so a reviewer can open the raw output behind it.
export type TSourced<T> = T & { evidence: string[] };

export type THostFacts = {
  os: TOsIdentity | null;
  hostname: string | null;
  uname: TUname | null;
  identity: TIdentity | null;
  services: TSourced<TService>[];
  listeners: TSourced<TListener>[];
  owners: TSourced<TListenerOwner>[];
  containers: TSourced<TContainer>[];
  cronJobs: TSourced<TCronJob>[];
  timers: TSourced<TTimer>[];
  firewalls: TSourced<TFirewall>[];
  // Tool or daemon states worth showing: { "docker-ps": "no-daemon", "podman-ps": "command-not-found", ... }
  toolStates: Record<string, TOutcome>;
  // Facts the audit user could not see (no root, no sudo): what and why.
  hidden: string[];
};
