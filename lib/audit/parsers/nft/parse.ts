// `nft list ruleset`:
//   table inet filter {
//   	chain input {
//   		type filter hook input priority filter; policy drop;
//   		tcp dport { 80, 443 } accept
//   	}
//   }
// Sets, maps, flowtables and other named objects are skipped (their elements are not rules);
// rules are read by readNftRule. The input policy is the strictest of the input-hook chains:
// a packet has to pass every one of them.
import type { TFirewall, TFirewallRule, TParsed } from "../../facts";
import { clip, collector, eachLine, MAX_FIELD } from "../collect";
import { readNftRule } from "./read-rule";
import { braceBalance } from "./rule-tokens";

type TBlock = { kind: "table" | "chain" | "other"; name: string };

const MAX_DEPTH = 64;
const MAX_STATEMENT = 65_536;

export function parseNft(text: string): TParsed<TFirewall> {
  const out = collector<TFirewall>();
  const rules: TFirewallRule[] = [];
  const stack: TBlock[] = [];
  const inputPolicies: string[] = [];
  let table = "";
  let chain = "";
  let carry = ""; // a rule whose { set } continues on the next lines
  let carryLine = 0;
  eachLine(text, out, (rawLine, no) => {
    const line = (carry ? `${carry} ${rawLine.trim()}` : rawLine.trim()).slice(0, MAX_STATEMENT);
    const at = carry ? carryLine : no;
    carry = "";
    if (line === "" || line.startsWith("#")) return;
    const top = stack[stack.length - 1];
    const net = braceBalance(line);
    if (line === "}") {
      if (!stack.pop()) out.skip(no, rawLine, "closing brace without a block");
      return;
    }
    if (top?.kind === "other") {
      if (net > 0) for (let k = 0; k < net && stack.length < MAX_DEPTH; k++) stack.push({ kind: "other", name: "" });
      else for (let k = 0; k < -net; k++) stack.pop();
      return;
    }
    const tableHead = /^table (\S{1,64}) (\S{1,128}) \{$/.exec(line);
    if (tableHead && !top) {
      table = `${tableHead[1]} ${tableHead[2]}`;
      stack.push({ kind: "table", name: table });
      return;
    }
    const chainHead = /^chain (\S{1,128}) \{$/.exec(line);
    if (chainHead && top?.kind === "table") {
      chain = chainHead[1] as string;
      stack.push({ kind: "chain", name: chain });
      return;
    }
    if (net > 0 && line.endsWith("{") && top?.kind === "table") {
      if (stack.length < MAX_DEPTH) stack.push({ kind: "other", name: line });
      return;
    }
    if (top?.kind !== "chain") return out.skip(at, line, "statement outside a chain");
    if (net > 0) {
      carry = line;
      carryLine = at;
      return;
    }
    if (line.startsWith("type ")) {
      const hook = /\bhook (\S+)/.exec(line)?.[1];
      const policy = /\bpolicy (\w+);/.exec(line)?.[1] ?? "accept";
      if (hook === "input") inputPolicies.push(policy);
      return;
    }
    if (line.startsWith("policy ") || line.startsWith("comment ") || line.startsWith("devices ")) return;
    const read = readNftRule(line);
    if (read && rules.length < 20_000) rules.push({ tool: "nftables", chain: clip(`${table} ${chain}`, 256), ...read, raw: clip(line, MAX_FIELD) });
  });
  if (carry) out.skip(carryLine, carry, "statement left open at the end of the output");
  const defaultInputPolicy = inputPolicies.length === 0 ? null : inputPolicies.includes("drop") ? "drop" : (inputPolicies[0] as string);
  // No output is no firewall fact: whether nft/iptables is absent or empty is the outcome's to say.
  if (typeof text !== "string" || text.trim() === "") return out.result();
  const active = defaultInputPolicy === "drop" || rules.length > 0;
  out.add({ tool: "nftables", active, defaultInputPolicy, rules });
  return out.result();
}
