// The one place the phases call parsers: by the command set's `parser` name (lib/audit/parsers
// index), with the command as sent (which crontab, which ss protocol), sorting items into the
// fact they are and tagging each with its evidence key.
import type {
  TCgroup,
  THostFacts,
  TParsed,
  TProcStatus,
  TPsRow,
  TSourced,
  TUser,
} from "../facts";
import { PARSERS, type TParserItem, type TParserName } from "../parsers";

export type TParseContext = { key: string; command: string; auditUser: string | null };

// Phase 1's facts as THostFacts holds them, before forensics adds the owners,
// plus what discovery needs for itself.
export type TDiscoveryParsed = Omit<THostFacts, "owners" | "toolStates" | "hidden"> & {
  users: TUser[];
  spoolUsers: string[];
  // Lines a parser could not read, as notes for the host's "not seen" list.
  notes: string[];
};

export function emptyDiscovery(): TDiscoveryParsed {
  return { os: null, hostname: null, uname: null, identity: null, services: [], listeners: [], containers: [], cronJobs: [], timers: [], firewalls: [], users: [], spoolUsers: [], notes: [] };
}

// Parsers never throw on host output; a parser bug still must not fail the host, so it is
// caught and reported like an unreadable output.
function items<N extends TParserName>(name: N, text: string, ctx: TParseContext, notes: string[]): TParserItem<N>[] {
  try {
    const parsed = (PARSERS[name] as (s: string, c: { command: string; auditUser: string | null }) => TParsed<TParserItem<N>>)(text, {
      command: ctx.command,
      auditUser: ctx.auditUser,
    });
    if (parsed.unparsed.length > 0) {
      const first = parsed.unparsed[0]!;
      notes.push(`${ctx.key}: ${parsed.unparsed.length} line(s) not understood (first: line ${first.line}, ${first.reason}); the raw output is kept as evidence`);
    }
    return parsed.items;
  } catch (err) {
    notes.push(`${ctx.key}: output could not be read (${err instanceof Error ? err.message : String(err)}); the raw output is kept as evidence`);
    return [];
  }
}

const sourced = <T extends object>(items: T[], key: string): TSourced<T>[] => items.map((i) => ({ ...i, evidence: [key] }));

export function parseDiscoveryOutput(parser: string, text: string, ctx: TParseContext): TDiscoveryParsed {
  const r = emptyDiscovery();
  const n = r.notes;
  switch (parser) {
    case "os-release":
      r.os = items("os-release", text, ctx, n)[0] ?? null;
      break;
    case "hostname":
      r.hostname = items("hostname", text, ctx, n)[0] ?? null;
      break;
    case "uname":
      r.uname = items("uname", text, ctx, n)[0] ?? null;
      break;
    case "id":
      r.identity = items("id", text, ctx, n)[0] ?? null;
      break;
    case "systemctl-list-units":
      r.services = sourced(items("systemctl-list-units", text, ctx, n), ctx.key);
      break;
    case "ss":
      r.listeners = sourced(items("ss", text, ctx, n), ctx.key);
      break;
    case "docker-ps":
      r.containers = sourced(items("docker-ps", text, ctx, n), ctx.key);
      break;
    case "podman-ps":
      r.containers = sourced(items("podman-ps", text, ctx, n), ctx.key);
      break;
    case "crontab":
      r.cronJobs = sourced(items("crontab", text, ctx, n), ctx.key);
      break;
    case "crontab-spool":
      r.spoolUsers = items("crontab-spool", text, ctx, n);
      break;
    case "cron-d":
      r.cronJobs = sourced(items("cron-d", text, ctx, n), ctx.key);
      break;
    case "cron-periodic":
      r.cronJobs = sourced(items("cron-periodic", text, ctx, n), ctx.key);
      break;
    case "systemctl-list-timers":
      r.timers = sourced(items("systemctl-list-timers", text, ctx, n), ctx.key);
      break;
    case "nft":
      r.firewalls = sourced(items("nft", text, ctx, n), ctx.key);
      break;
    case "iptables":
      r.firewalls = sourced(items("iptables", text, ctx, n), ctx.key);
      break;
    case "ufw":
      r.firewalls = sourced(items("ufw", text, ctx, n), ctx.key);
      break;
    case "passwd":
      r.users = items("passwd", text, ctx, n);
      break;
    default:
      n.push(`${ctx.key}: no parser "${parser}"; the raw output is kept as evidence`);
  }
  return r;
}

export type TProcParsed = {
  link: { path: string; deleted: boolean } | null;
  cmdline: string[] | null;
  status: TProcStatus | null;
  cgroup: TCgroup | null;
  ps: TPsRow | null;
  notes: string[];
};

export function parseProcOutput(parser: string, text: string, ctx: TParseContext): TProcParsed {
  const r: TProcParsed = { link: null, cmdline: null, status: null, cgroup: null, ps: null, notes: [] };
  const n = r.notes;
  switch (parser) {
    case "proc-link":
      r.link = items("proc-link", text, ctx, n)[0] ?? null;
      break;
    case "proc-cmdline":
      r.cmdline = items("proc-cmdline", text, ctx, n)[0] ?? null;
      break;
    case "proc-status":
      r.status = items("proc-status", text, ctx, n)[0] ?? null;
      break;
    case "proc-cgroup":
      r.cgroup = items("proc-cgroup", text, ctx, n)[0] ?? null;
      break;
    case "ps":
      r.ps = items("ps", text, ctx, n)[0] ?? null;
      break;
    default:
      n.push(`${ctx.key}: no parser "${parser}"; the raw output is kept as evidence`);
  }
  return r;
}
