// The one place the phases call parsers: by the command set's `parser` name, with the context a
// parser needs (which crontab, which protocol), and every fact tagged with its evidence key.
// Parsers never throw on host output; a parser bug still must not fail the host, so it is caught
// and reported like an unreadable output.
import type {
  TCgroup,
  TContainer,
  TCronJob,
  TFirewall,
  TIdentity,
  TListener,
  TOsIdentity,
  TParsed,
  TProcStatus,
  TPsRow,
  TService,
  TSourced,
  TTimer,
  TUname,
  TUser,
} from "../facts";
import { parseCronD } from "../parsers/cron-d/parse";
import { parseCronPeriodic } from "../parsers/cron-periodic/parse";
import { crontabOptionsFor, parseCrontab } from "../parsers/crontab/parse";
import { parseCrontabSpool } from "../parsers/crontab-spool/parse";
import { parseDockerPs } from "../parsers/docker-ps/parse";
import { parseHostname } from "../parsers/hostname/parse";
import { parseId } from "../parsers/id/parse";
import { parseIptables } from "../parsers/iptables/parse";
import { parseNft } from "../parsers/nft/parse";
import { parseOsRelease } from "../parsers/os-release/parse";
import { parsePasswd } from "../parsers/passwd/parse";
import { parsePodmanPs } from "../parsers/podman-ps/parse";
import { parseProcCgroup } from "../parsers/proc-cgroup/parse";
import { parseProcCmdline } from "../parsers/proc-cmdline/parse";
import { parseProcLink } from "../parsers/proc-link/parse";
import { parseProcStatus } from "../parsers/proc-status/parse";
import { parsePs } from "../parsers/ps/parse";
import { parseSs } from "../parsers/ss/parse";
import { parseSystemctlListTimers } from "../parsers/systemctl-list-timers/parse";
import { parseSystemctlListUnits } from "../parsers/systemctl-list-units/parse";
import { parseUfw } from "../parsers/ufw/parse";
import { parseUname } from "../parsers/uname/parse";

export type TParseContext = { key: string; command: string; auditUser: string | null };

export type TDiscoveryParsed = {
  os: TOsIdentity | null;
  hostname: string | null;
  uname: TUname | null;
  identity: TIdentity | null;
  services: TSourced<TService>[];
  listeners: TSourced<TListener>[];
  containers: TSourced<TContainer>[];
  cronJobs: TSourced<TCronJob>[];
  timers: TSourced<TTimer>[];
  firewalls: TSourced<TFirewall>[];
  users: TUser[];
  spoolUsers: string[];
  // Lines a parser could not read, as notes for the host's "not seen" list.
  notes: string[];
};

export function emptyDiscovery(): TDiscoveryParsed {
  return { os: null, hostname: null, uname: null, identity: null, services: [], listeners: [], containers: [], cronJobs: [], timers: [], firewalls: [], users: [], spoolUsers: [], notes: [] };
}

function safely<T>(ctx: TParseContext, notes: string[], parse: () => TParsed<T>): T[] {
  try {
    const parsed = parse();
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
      r.os = safely(ctx, n, () => parseOsRelease(text))[0] ?? null;
      break;
    case "hostname":
      r.hostname = safely(ctx, n, () => parseHostname(text))[0] ?? null;
      break;
    case "uname":
      r.uname = safely(ctx, n, () => parseUname(text))[0] ?? null;
      break;
    case "id":
      r.identity = safely(ctx, n, () => parseId(text))[0] ?? null;
      break;
    case "systemctl-list-units":
      r.services = sourced(safely(ctx, n, () => parseSystemctlListUnits(text)), ctx.key);
      break;
    case "ss":
      r.listeners = sourced(safely(ctx, n, () => parseSs(text, { proto: ctx.key === "ss-udp" ? "udp" : "tcp" })), ctx.key);
      break;
    case "docker-ps":
      r.containers = sourced(safely(ctx, n, () => parseDockerPs(text)), ctx.key);
      break;
    case "podman-ps":
      r.containers = sourced(safely(ctx, n, () => parsePodmanPs(text)), ctx.key);
      break;
    case "crontab":
      r.cronJobs = sourced(safely(ctx, n, () => parseCrontab(text, crontabOptionsFor(ctx.command, ctx.auditUser))), ctx.key);
      break;
    case "crontab-spool":
      r.spoolUsers = safely(ctx, n, () => parseCrontabSpool(text));
      break;
    case "cron-d":
      r.cronJobs = sourced(safely(ctx, n, () => parseCronD(text)), ctx.key);
      break;
    case "cron-periodic":
      r.cronJobs = sourced(safely(ctx, n, () => parseCronPeriodic(text)), ctx.key);
      break;
    case "systemctl-list-timers":
      r.timers = sourced(safely(ctx, n, () => parseSystemctlListTimers(text)), ctx.key);
      break;
    case "nft":
      r.firewalls = sourced(safely(ctx, n, () => parseNft(text)), ctx.key);
      break;
    case "iptables":
      r.firewalls = sourced(safely(ctx, n, () => parseIptables(text)), ctx.key);
      break;
    case "ufw":
      r.firewalls = sourced(safely(ctx, n, () => parseUfw(text)), ctx.key);
      break;
    case "passwd":
      r.users = safely(ctx, n, () => parsePasswd(text));
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
      r.link = safely(ctx, n, () => parseProcLink(text))[0] ?? null;
      break;
    case "proc-cmdline":
      r.cmdline = safely(ctx, n, () => parseProcCmdline(text))[0] ?? null;
      break;
    case "proc-status":
      r.status = safely(ctx, n, () => parseProcStatus(text))[0] ?? null;
      break;
    case "proc-cgroup":
      r.cgroup = safely(ctx, n, () => parseProcCgroup(text))[0] ?? null;
      break;
    case "ps":
      r.ps = safely(ctx, n, () => parsePs(text))[0] ?? null;
      break;
    default:
      n.push(`${ctx.key}: no parser "${parser}"; the raw output is kept as evidence`);
  }
  return r;
}
