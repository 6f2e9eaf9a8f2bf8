// `ufw status verbose`:
//   Status: active
//   Default: deny (incoming), allow (outgoing), disabled (routed)
//   To                         Action      From
//   --                         ------      ----
//   80,443/tcp                 ALLOW IN    Anywhere
//   8000:8010/tcp on eth0      ALLOW IN    Anywhere                   # staging apps
//   22/tcp (v6)                ALLOW IN    Anywhere (v6)
// "To" and "From" hold spaces, so a rule is split at its action word, found by scanning words
// (a pattern with nested quantifiers would backtrack on a hostile line).
import type { TFirewall, TFirewallRule, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank, MAX_FIELD } from "../collect";
import { parsePortList } from "../port-list";

const ACTIONS = new Set(["ALLOW", "DENY", "REJECT", "LIMIT"]);
const DIRECTIONS = new Set(["IN", "OUT", "FWD"]);
const KNOWN_HEADERS = /^(?:Logging|New profiles):/;

export function parseUfw(text: string): TParsed<TFirewall> {
  const out = collector<TFirewall>();
  const rules: TFirewallRule[] = [];
  let active: boolean | null = null;
  let policy: string | null = null;
  eachLine(text, out, (line, no) => {
    if (isBlank(line) || KNOWN_HEADERS.test(line) || /^-+\s+-+\s+-+\s*$/.test(line) || /^To\s+Action\s+From\s*$/.test(line)) return;
    const status = /^Status: (\S+)$/.exec(line.trim());
    if (status) {
      if (status[1] !== "active" && status[1] !== "inactive") return out.skip(no, line, "status not understood");
      active = status[1] === "active";
      return;
    }
    if (line.startsWith("Default: ")) {
      policy = /(\w+) \(incoming\)/.exec(line)?.[1] ?? null;
      if (!policy) out.skip(no, line, "incoming default not understood");
      return;
    }
    const rule = readRule(line);
    if (!rule) return out.skip(no, line, "not a ufw rule");
    if (rules.length < 20_000) rules.push(rule);
  });
  if (active === null) {
    if (typeof text === "string" && text.trim() !== "") out.skip(0, "", "no Status: line");
    return out.result();
  }
  out.add({ tool: "ufw", active, defaultInputPolicy: policy, rules });
  return out.result();
}

function readRule(line: string): TFirewallRule | null {
  const hash = line.indexOf(" # ");
  const body = (hash === -1 ? line : line.slice(0, hash)).slice(0, MAX_FIELD);
  const words = body.split(/[ \t]+/).filter(Boolean);
  const at = words.findIndex((w) => ACTIONS.has(w));
  if (at < 1) return null;
  const direction = DIRECTIONS.has(words[at + 1] ?? "") ? (words[at + 1] as string) : "IN";
  const from = words.slice(at + (DIRECTIONS.has(words[at + 1] ?? "") ? 2 : 1));
  if (from.length === 0) return null;
  let to = words.slice(0, at);
  const conditions: string[] = [];
  const v6 = to.includes("(v6)");
  to = to.filter((w) => w !== "(v6)");
  const on = to.indexOf("on");
  if (on !== -1) {
    conditions.push(`on ${to.slice(on + 1).join(" ")}`);
    to = to.slice(0, on);
  }
  // To is "PORTS[/PROTO]", "ADDR PORTS[/PROTO]", "Anywhere", "ADDR" or an app profile name.
  let proto: TFirewallRule["proto"] = null;
  let ports: number[] = [];
  const last = to[to.length - 1] ?? "";
  const spec = /^([\d,:]+)(?:\/(tcp|udp))?$/.exec(last);
  if (spec) {
    const list = parsePortList(spec[1] as string, ":");
    if (list) ports = list;
    else conditions.push(`port ${last}`);
    proto = (spec[2] as "tcp" | "udp" | undefined) ?? null;
    to = to.slice(0, -1);
  }
  const dest = to.join(" ");
  if (dest !== "" && dest !== "Anywhere") conditions.push(spec ? `to ${dest}` : `to ${dest} (address or app profile)`);
  const fromText = from.filter((w) => w !== "(v6)").join(" ");
  const source = fromText === "Anywhere" ? null : clip(fromText, 256);
  return {
    tool: "ufw",
    chain: `ufw ${direction.toLowerCase()}${v6 ? " (v6)" : ""}`,
    action: (words[at] as string).toLowerCase(),
    proto,
    ports,
    source,
    conditions,
    raw: clip(line, MAX_FIELD),
  };
}
