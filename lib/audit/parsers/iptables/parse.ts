// `iptables -S` (filter table):
//   -P INPUT DROP
//   -N LOGDROP
//   -A INPUT -p tcp -m tcp --dport 6379 -j DROP
//   -A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 80,443,8000:8010 -j ACCEPT
// iptables prints options in a fixed order with the target (-j/-g) and its options last.
import type { TFirewall, TFirewallRule, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank, MAX_FIELD } from "../collect";
import { parsePortList } from "../port-list";
import { shellWords } from "./shell-words";

const BUILTIN = new Set(["ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "QUEUE", "NFQUEUE", "MARK", "CONNMARK", "TCPMSS", "CT", "NOTRACK"]);

export function parseIptables(text: string): TParsed<TFirewall> {
  const out = collector<TFirewall>();
  const rules: TFirewallRule[] = [];
  let inputPolicy: string | null = null;
  eachLine(text, out, (line, no) => {
    if (isBlank(line) || line.startsWith("#")) return;
    const w = shellWords(line);
    if (!w) return out.skip(no, line, "unbalanced quotes");
    if (w[0] === "-P" && w.length === 3) {
      if (w[1] === "INPUT") inputPolicy = (w[2] as string).toLowerCase();
      return;
    }
    if (w[0] === "-N" && w.length === 2) return;
    if (w[0] !== "-A" || w.length < 2) return out.skip(no, line, "not an iptables -S line");
    const rule = readRule(w.slice(2));
    if (rule && rules.length < 20_000) rules.push({ tool: "iptables", chain: clip(`filter ${w[1]}`, 256), ...rule, raw: clip(line, MAX_FIELD) });
  });
  // No output is no firewall fact: whether nft/iptables is absent or empty is the outcome's to say.
  if (typeof text !== "string" || text.trim() === "") return out.result();
  const active = rules.length > 0 || (inputPolicy !== null && inputPolicy !== "accept");
  out.add({ tool: "iptables", active, defaultInputPolicy: inputPolicy, rules });
  return out.result();
}

type TRead = Pick<TFirewallRule, "action" | "proto" | "ports" | "source" | "conditions">;

function readRule(w: string[]): TRead | null {
  let proto: TRead["proto"] = null;
  let ports: number[] = [];
  let source: string | null = null;
  const conditions: string[] = [];
  for (let i = 0; i < w.length; ) {
    const negated = w[i] === "!";
    const opt = w[negated ? i + 1 : i] as string;
    let end = (negated ? i + 2 : i + 1);
    while (end < w.length && !(w[end] as string).startsWith("-") && w[end] !== "!") end++;
    const args = w.slice(negated ? i + 2 : i + 1, end);
    const value = args[0] ?? "";
    i = end;
    if (opt === "-j" || opt === "-g") {
      const action = BUILTIN.has(value) ? value.toLowerCase() : `${opt === "-j" ? "jump" : "goto"} ${clip(value, 128)}`;
      return { action, proto, ports, source, conditions: conditions.slice(0, 32) };
    }
    if (opt === "-m" || opt === "--comment") continue; // a match module's name, a comment
    if (!negated && (opt === "-p" || opt === "--protocol") && (value === "tcp" || value === "udp" || value === "6" || value === "17")) {
      proto = value === "tcp" || value === "6" ? "tcp" : "udp";
      continue;
    }
    if (!negated && (opt === "-s" || opt === "--source")) {
      source = clip(value, 256);
      continue;
    }
    if (!negated && (opt === "--dport" || opt === "--destination-port" || opt === "--dports" || opt === "--destination-ports")) {
      const list = parsePortList(value, ":");
      if (list) {
        ports = list;
        continue;
      }
    }
    conditions.push(clip([negated ? "!" : "", opt, ...args].filter(Boolean).join(" "), 512));
  }
  return null; // no target: the rule only counts packets
}
