// Phase 1: the read-only inventory. Every DISCOVERY_COMMANDS entry (`id` first, then the rest
// batched through one exec channel), then `crontab -l -u USER` per user in the crontab spool.
// A missing tool, no systemd, no docker daemon or no root are recorded facts, never failures.
import { crontabForUser, DISCOVERY_COMMANDS } from "../command-set";
import type { THostFacts, TIdentity, TOutcome, TUser } from "../facts";
import { emptyDiscovery, parseDiscoveryOutput, type TDiscoveryParsed } from "./parse-output";
import { notRootReason, record, recordPrivilegedMany, type TAuditSession, type TPrivileged } from "./session";

export type TDiscovery = {
  facts: Omit<THostFacts, "owners" | "hidden">;
  // Users from `getent passwd`, for forensics (uid -> name); not a fact of their own.
  users: TUser[];
};

// What is missing from a command's output when it ran without root, in words.
const WITHOUT_ROOT: Record<string, string> = {
  "ss-tcp": "process owners hidden",
  "ss-udp": "process owners hidden",
  "docker-ps": "containers not listed",
  "crontab-spool": "other users' crontabs not read",
  "crontab-user": "crontab not read",
  "nft-ruleset": "firewall rules not read",
  iptables: "firewall rules not read",
  "ufw-status": "firewall status not read",
};

type TRan = { id: string; parser: string; key: string; result: TPrivileged };

async function runUserCrontabs(session: TAuditSession, spool: TPrivileged, identity: TIdentity | null): Promise<TRan[]> {
  if (spool.run.exitCode !== 0 || spool.text.length === 0) return [];
  const parsed = parseDiscoveryOutput("crontab-spool", spool.text, { key: spool.key, command: spool.run.command, auditUser: identity?.user ?? null });
  session.hidden.push(...parsed.notes);
  const users = [...new Set(parsed.spoolUsers)];
  const results = await recordPrivilegedMany(
    session,
    users.map((user) => ({
      key: `crontab-user:${user}`,
      phase: "discovery" as const,
      commandId: "crontab-user",
      command: crontabForUser(user), // refuses anything but a plain user name
      // Another user's crontab needs root; one's own does not.
      needsRoot: user !== identity?.user,
    })),
  );
  return users.map((user, i) => ({ id: "crontab-user", parser: "crontab", key: `crontab-user:${user}`, result: results[i]! }));
}

function merge(into: TDiscoveryParsed, from: TDiscoveryParsed) {
  into.os ??= from.os;
  into.hostname ??= from.hostname;
  into.uname ??= from.uname;
  into.services.push(...from.services);
  into.listeners.push(...from.listeners);
  into.containers.push(...from.containers);
  into.cronJobs.push(...from.cronJobs);
  into.timers.push(...from.timers);
  into.firewalls.push(...from.firewalls);
  into.users.push(...from.users);
  into.notes.push(...from.notes);
}

export async function runDiscovery(session: TAuditSession): Promise<TDiscovery> {
  const whoami = DISCOVERY_COMMANDS.find((c) => c.id === "whoami")!;
  // `id` first: whether the audit user is root decides how the root-only commands run.
  const idRun = await record(session, { key: whoami.id, phase: "discovery", commandId: whoami.id, command: whoami.command });
  const idParsed = parseDiscoveryOutput(whoami.parser, idRun.text, { key: idRun.key, command: whoami.command, auditUser: null });
  const identity = idParsed.identity;
  session.privilege.user = identity?.user ?? null;
  session.privilege.isRoot = identity?.uid === 0;
  if (session.privilege.isRoot) session.privilege.sudo = "not-needed";

  // Everything else in one batch (one exec channel), then the crontabs the spool names.
  const rest = DISCOVERY_COMMANDS.filter((c) => c !== whoami);
  const results = await recordPrivilegedMany(session, rest.map((c) => ({ key: c.id, phase: "discovery" as const, commandId: c.id, command: c.command, needsRoot: c.needsRoot ?? false })));
  const ran: TRan[] = rest.map((c, i) => ({ id: c.id, parser: c.parser, key: c.id, result: results[i]! }));
  const spool = ran.find((r) => r.id === "crontab-spool");
  if (spool) ran.push(...(await runUserCrontabs(session, spool.result, identity)));
  // Facts come out in command-set order.
  const order = new Map(DISCOVERY_COMMANDS.map((c, i) => [c.id, i]));
  ran.sort((a, b) => (order.get(a.id) ?? order.size) - (order.get(b.id) ?? order.size) || a.key.localeCompare(b.key));

  const all = emptyDiscovery();
  all.identity = identity;
  merge(all, idParsed);
  const toolStates: Record<string, TOutcome> = { [whoami.id]: idRun.outcome };
  for (const { id, parser, key, result } of ran) {
    toolStates[key] = result.outcome;
    if (result.rootDenied) {
      const sawNothing = result.outcome !== "ok" && result.outcome !== "command-not-found";
      // ss answers without root, but without the users:(...) column.
      if (id.startsWith("ss-") || sawNothing) session.hidden.push(`${key}: ${WITHOUT_ROOT[id] ?? "output may be incomplete"}: ${notRootReason(session)}`);
    }
    if (id === "crontab-spool" || result.text.length === 0 || result.run.interrupted) continue;
    merge(all, parseDiscoveryOutput(parser, result.text, { key, command: result.run.command, auditUser: identity?.user ?? null }));
  }
  session.hidden.push(...all.notes);

  return {
    facts: {
      os: all.os,
      hostname: all.hostname,
      uname: all.uname,
      identity,
      services: all.services,
      listeners: all.listeners,
      containers: all.containers,
      cronJobs: all.cronJobs,
      timers: all.timers,
      firewalls: all.firewalls,
      toolStates,
    },
    users: all.users,
  };
}
