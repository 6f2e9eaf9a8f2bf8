// Reads one nft rule ("ip saddr 10.0.0.0/8 tcp dport { 80, 443 } counter accept") into the
// fields a firewall fact has; whatever else it matches on is kept as conditions.
import type { TFirewallRule } from "../../facts";
import { clip } from "../collect";
import { parsePortList } from "../port-list";
import { nftTokens } from "./rule-tokens";

type TRead = Pick<TFirewallRule, "action" | "proto" | "ports" | "source" | "conditions">;

const VERDICTS = new Set(["accept", "drop", "reject", "return", "queue", "continue"]);
const LOG_OPTIONS = new Set(["prefix", "level", "flags", "group", "snaplen", "queue-threshold"]);

export function readNftRule(line: string): TRead | null {
  const t = nftTokens(line);
  let proto: TRead["proto"] = null;
  let ports: number[] = [];
  let source: string | null = null;
  const conditions: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) conditions.push(clip(pending.join(" "), 512));
    pending = [];
  };
  for (let i = 0; i < t.length; ) {
    const w = t[i] as string;
    const next = t[i + 1];
    if (VERDICTS.has(w) || w === "jump" || w === "goto") {
      flush();
      const action = w === "jump" || w === "goto" ? `${w} ${clip(next ?? "", 128)}` : w;
      return { action, proto, ports, source, conditions: conditions.slice(0, 32) };
    }
    if ((w === "tcp" || w === "udp" || w === "th") && next === "dport") {
      flush();
      if (w !== "th") proto = w;
      const negated = t[i + 2] === "!=";
      const spec = t[i + (negated ? 3 : 2)] ?? "";
      const list = negated ? null : parsePortList(spec.replace(/^\{|\}$/g, ""), "-");
      if (list) ports = list;
      else conditions.push(clip(t.slice(i, i + (negated ? 4 : 3)).join(" "), 512));
      i += negated ? 4 : 3;
      continue;
    }
    if ((w === "meta" && next === "l4proto") || (w === "ip" && next === "protocol")) {
      flush();
      const v = t[i + 2];
      if (v === "tcp" || v === "udp") proto = v;
      else conditions.push(clip(t.slice(i, i + 3).join(" "), 512));
      i += 3;
      continue;
    }
    if ((w === "ip" || w === "ip6") && next === "saddr" && t[i + 2] !== "!=") {
      flush();
      source = clip(t[i + 2] ?? "", 256);
      i += 3;
      continue;
    }
    if (w === "counter") {
      flush();
      i += t[i + 1] === "packets" && t[i + 3] === "bytes" ? 5 : 1;
      continue;
    }
    if (w === "log") {
      flush();
      i += 1;
      while (i < t.length && LOG_OPTIONS.has(t[i] as string)) i += 2;
      continue;
    }
    if (w === "comment") {
      flush();
      i += 2;
      continue;
    }
    if (w === "tcp" || w === "udp") proto = w; // "tcp flags syn": still only tcp
    pending.push(w);
    i += 1;
  }
  return null; // no verdict: counts or logs, decides nothing
}
