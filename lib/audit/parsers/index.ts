// Every parser under the name of its folder, which is what a command names in
// lib/audit/command-set.ts (`command.parser`), so the engine looks parsers up by that name.
// All share one shape: stdout (and what command produced it) in, TParsed out.
import type { TParsed } from "../facts";
import { parseCronD } from "./cron-d/parse";
import { parseCronPeriodic } from "./cron-periodic/parse";
import { crontabOptionsFor, parseCrontab } from "./crontab/parse";
import { parseCrontabSpool } from "./crontab-spool/parse";
import { parseDockerPs } from "./docker-ps/parse";
import { parseHostname } from "./hostname/parse";
import { parseId } from "./id/parse";
import { parseIptables } from "./iptables/parse";
import { parseNft } from "./nft/parse";
import { parseOsRelease } from "./os-release/parse";
import { parsePasswd } from "./passwd/parse";
import { parsePodmanPs } from "./podman-ps/parse";
import { parseProcCgroup } from "./proc-cgroup/parse";
import { parseProcCmdline } from "./proc-cmdline/parse";
import { parseProcLink } from "./proc-link/parse";
import { parseProcNet } from "./proc-net/parse";
import { parseProcStatus } from "./proc-status/parse";
import { parsePs } from "./ps/parse";
import { parseSs } from "./ss/parse";
import { parseSystemctlListTimers } from "./systemctl-list-timers/parse";
import { parseSystemctlListUnits } from "./systemctl-list-units/parse";
import { parseUfw } from "./ufw/parse";
import { parseUname } from "./uname/parse";

// The command as sent (possibly wrapped in `sudo -n`), and the audit user for `crontab -l`.
export type TParseContext = { command?: string; auditUser?: string | null };

export const PARSERS = {
  "cron-d": (s: string) => parseCronD(s),
  "cron-periodic": (s: string) => parseCronPeriodic(s),
  crontab: (s: string, ctx?: TParseContext) => parseCrontab(s, crontabOptionsFor(ctx?.command ?? "", ctx?.auditUser ?? null)),
  "crontab-spool": (s: string) => parseCrontabSpool(s),
  "docker-ps": (s: string) => parseDockerPs(s),
  hostname: (s: string) => parseHostname(s),
  id: (s: string) => parseId(s),
  iptables: (s: string) => parseIptables(s),
  nft: (s: string) => parseNft(s),
  "os-release": (s: string) => parseOsRelease(s),
  passwd: (s: string) => parsePasswd(s),
  "podman-ps": (s: string) => parsePodmanPs(s),
  "proc-cgroup": (s: string) => parseProcCgroup(s),
  "proc-cmdline": (s: string) => parseProcCmdline(s),
  "proc-link": (s: string) => parseProcLink(s),
  "proc-net": (s: string) => parseProcNet(s),
  "proc-status": (s: string) => parseProcStatus(s),
  ps: (s: string) => parsePs(s),
  ss: (s: string, ctx?: TParseContext) => parseSs(s, { proto: ssProto(ctx?.command) }),
  "systemctl-list-timers": (s: string) => parseSystemctlListTimers(s),
  "systemctl-list-units": (s: string) => parseSystemctlListUnits(s),
  ufw: (s: string) => parseUfw(s),
  uname: (s: string) => parseUname(s),
} as const satisfies Record<string, (stdout: string, ctx?: TParseContext) => TParsed<unknown>>;

export type TParserName = keyof typeof PARSERS;
export type TParserItem<N extends TParserName> = ReturnType<(typeof PARSERS)[N]>["items"][number];

export function isParserName(name: string): name is TParserName {
  return Object.hasOwn(PARSERS, name);
}

// For the engine: never throws, even on a parser bug; the bug becomes an unparsed note.
export function runParser(name: string, stdout: string, ctx?: TParseContext): TParsed<unknown> {
  if (!isParserName(name)) return { items: [], unparsed: [{ line: 0, raw: "", reason: `no parser named ${name.slice(0, 100)}` }] };
  try {
    return PARSERS[name](stdout, ctx);
  } catch (e) {
    return { items: [], unparsed: [{ line: 0, raw: "", reason: `parser ${name} failed: ${String(e).slice(0, 200)}` }] };
  }
}

// `ss -H -tlnp` lists TCP, `ss -H -ulnp` UDP; a combined -tu output names each line's protocol.
function ssProto(command: string | undefined): "tcp" | "udp" | undefined {
  const flags = /\bss(?:\s+-H)?\s+-([A-Za-z]+)/.exec(command ?? "")?.[1] ?? "";
  const t = flags.includes("t");
  const u = flags.includes("u");
  return t && !u ? "tcp" : u && !t ? "udp" : undefined;
}
