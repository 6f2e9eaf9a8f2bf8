// Small builders for rule tests: a host's facts with only what a test is about.
import type { TClassificationInput, TProbe } from "../../classification-types";
import type { TContainer, TCronJob, TFirewall, TFirewallRule, THostFacts, TListener, TListenerOwner, TSourced } from "../../facts";
import { isLoopbackAddress } from "../../loopback";

export function hostFacts(over: Partial<THostFacts> = {}): THostFacts {
  return {
    os: null,
    hostname: "test-host",
    uname: null,
    identity: { uid: 0, user: "root", gid: 0, groups: ["root"] },
    services: [],
    listeners: [],
    owners: [],
    containers: [],
    cronJobs: [],
    timers: [],
    firewalls: [],
    toolStates: {},
    hidden: [],
    ...over,
  };
}

function scope(address: string): Pick<TListener, "family" | "bindScope"> {
  const family = address === "*" ? "any" : address.includes(":") ? "ipv6" : "ipv4";
  if (address === "0.0.0.0" || address === "::" || address === "*") return { family, bindScope: "all" };
  if (isLoopbackAddress(address)) return { family, bindScope: "loopback" };
  return { family, bindScope: "specific" };
}

export function listener(address: string, port: number, process: { name: string; pid: number } | null, proto: "tcp" | "udp" = "tcp"): TSourced<TListener> {
  return {
    proto,
    state: proto === "tcp" ? "LISTEN" : "UNCONN",
    address,
    interface: null,
    port,
    ...scope(address),
    processes: process ? [{ ...process, fd: 3 }] : [],
    processInfoHidden: process === null,
    evidence: [proto === "tcp" ? "ss-tcp" : "ss-udp"],
  };
}

export function owner(l: TListener, over: Partial<TListenerOwner> = {}): TSourced<TListenerOwner> {
  const pid = over.pid === undefined ? (l.processes[0]?.pid ?? null) : over.pid;
  return {
    proto: l.proto,
    address: l.address,
    port: l.port,
    pid,
    processName: l.processes[0]?.name ?? null,
    exe: null,
    exeDeleted: false,
    cmdline: null,
    cwd: "/",
    user: "root",
    uid: 0,
    ppid: 1,
    parentCmdline: null,
    systemdUnit: null,
    containerId: null,
    publishedBy: null,
    startedAt: "Sat Nov 21 05:54:04 2026",
    hidden: [],
    ...over,
    evidence: pid === null ? ["ss-tcp"] : ["ss-tcp", `proc-exe:${pid}`, `proc-cmdline:${pid}`],
  };
}

export type TSocketSpec = { address?: string; port: number; proto?: "tcp" | "udp"; name: string; pid: number } & Partial<TListenerOwner>;

// A listener and, when it is not on loopback, its owner record, as phases 1 and 2 produce them.
export function socket(spec: TSocketSpec): { listener: TSourced<TListener>; owner: TSourced<TListenerOwner> | null } {
  const { address = "0.0.0.0", port, proto = "tcp", name, pid, ...rest } = spec;
  const l = listener(address, port, { name, pid }, proto);
  return { listener: l, owner: l.bindScope === "loopback" ? null : owner(l, { processName: name, ...rest }) };
}

export function hiddenSocket(address: string, port: number): { listener: TSourced<TListener>; owner: TSourced<TListenerOwner> } {
  const l = listener(address, port, null);
  return { listener: l, owner: owner(l, { pid: null, processName: null, cwd: null, user: null, uid: null, ppid: null, startedAt: null, hidden: ["owner: ss shows no process for this socket: not root and sudo -n refused"] }) };
}

export function factsWith(sockets: Array<{ listener: TSourced<TListener>; owner: TSourced<TListenerOwner> | null }>, over: Partial<THostFacts> = {}): THostFacts {
  return hostFacts({ listeners: sockets.map((s) => s.listener), owners: sockets.flatMap((s) => (s.owner ? [s.owner] : [])), ...over });
}

export function probe(port: number, over: Partial<TProbe> = {}, address = "0.0.0.0"): TSourced<TProbe> {
  return { proto: "tcp", address, port, via: "forwarded", tls: null, protocol: "unknown", authRequired: null, http: null, banner: null, details: {}, error: null, ...over, evidence: [`probe:${port}`] };
}

export function httpProbe(port: number, http: Partial<NonNullable<TProbe["http"]>> = {}, over: Partial<TProbe> = {}): TSourced<TProbe> {
  const full = { status: 200, server: null, authRequired: false, corsAllowOrigin: null, paths: [], ...http };
  return probe(port, { protocol: "http", authRequired: full.authRequired, http: full, ...over });
}

export const TLS = { subject: "CN=example.org", issuer: "CN=example.org", validTo: "2030-01-01T00:00:00Z", selfSigned: true, protocol: "TLSv1.3" };

export function rule(raw: string, over: Partial<TFirewallRule> = {}): TFirewallRule {
  return { tool: "nftables", chain: "inet filter input", action: "drop", proto: "tcp", ports: [], source: null, conditions: [], raw, ...over };
}

export function firewall(tool: TFirewall["tool"], rules: TFirewallRule[], policy: string | null = "accept"): TSourced<TFirewall> {
  const evidence = { nftables: "nft-ruleset", iptables: "iptables", ufw: "ufw-status" }[tool];
  return { tool, active: true, defaultInputPolicy: policy, rules: rules.map((r) => ({ ...r, tool })), evidence: [evidence] };
}

export function container(over: Partial<TContainer> = {}): TSourced<TContainer> {
  return { runtime: "docker", id: "a".repeat(64), image: "redis:7", names: ["cache"], status: "Up 2 hours", ports: [], command: null, ...over, evidence: ["docker-ps"] };
}

export function cronJob(over: Partial<TCronJob> = {}): TSourced<TCronJob> {
  return { source: "crontab -l (dev)", schedule: "@reboot", user: "dev", command: "true", ...over, evidence: ["crontab-user:dev"] };
}

export function classificationInput(facts: THostFacts, probes: TSourced<TProbe>[] = [], exposure: "INTERNET" | "INTERNAL" = "INTERNET"): TClassificationInput {
  return { exposure, facts, probes };
}

// "SEVERITY proto/port", once per socket pair: what classify() keeps after folding the IPv4
// and IPv6 sockets of one server.
export function summary(drafts: Array<{ severity: string; proto: string | null; port: number | null }>): string[] {
  return [...new Set(drafts.map((d) => `${d.severity} ${d.proto}/${d.port}`))].sort();
}
