// Does the host's firewall stop new connections from other machines to one socket?
// Deliberately conservative: only a rule that plainly drops the port (no conditions, every
// source) or a drop policy with nothing plainly accepting the port counts. Anything the rule
// list cannot settle (an accept limited to an interface, a jump into a chain) counts as open,
// so a firewall never lowers a finding it might not cover.
import type { TFirewall, TFirewallRule, TSourced } from "../facts";

type TFamily = "ipv4" | "ipv6";

export type TFirewallCoverage =
  // No active firewall at all.
  | { kind: "none"; text: string; evidence: string[] }
  // Every family the socket listens on is dropped for every source.
  | { kind: "blocked"; text: string; evidence: string[] }
  // Dropped except from some sources.
  | { kind: "restricted"; text: string; evidence: string[] }
  // Dropped for one address family only (e.g. iptables rules, an IPv6 socket).
  | { kind: "partial"; text: string; evidence: string[] }
  // Reaches the port through NAT, past the INPUT chain.
  | { kind: "bypassed"; text: string; evidence: string[] }
  | { kind: "open"; text: string; evidence: string[] };

type TVerdict = { state: "blocked" | "restricted" | "open"; why: string; evidence: string[] };

const DROP = new Set(["drop", "reject", "deny"]);
const ACCEPT = new Set(["accept", "allow", "limit"]);

// Conditions under which an accept rule lets in no new connection from another machine.
const HARMLESS = [
  /^iifname "?lo"?$/,
  /^-i lo$/,
  /^ct state (established,related|related,established|established|related)$/,
  /^--ctstate (RELATED,ESTABLISHED|ESTABLISHED,RELATED|ESTABLISHED|RELATED)$/,
  /icmp/,
];
const harmless = (c: string) => HARMLESS.some((re) => re.test(c.trim()));

function ruleFamilies(fw: TFirewall, r: TFirewallRule): TFamily[] {
  if (fw.tool === "ufw") return r.chain.includes("(v6)") ? ["ipv6"] : ["ipv4"];
  if (fw.tool === "iptables") return ["ipv4"]; // `iptables -S` is IPv4 only; ip6tables is not read
  const table = r.chain.split(" ")[0];
  if (table === "inet") return ["ipv4", "ipv6"];
  if (table === "ip") return ["ipv4"];
  if (table === "ip6") return ["ipv6"];
  return [];
}

function policyFamilies(fw: TFirewall): TFamily[] {
  if (fw.tool === "iptables") return ["ipv4"];
  if (fw.tool === "ufw") return ["ipv4", "ipv6"];
  const fams = new Set(fw.rules.flatMap((r) => ruleFamilies(fw, r)));
  return fams.size === 0 ? ["ipv4", "ipv6"] : [...fams];
}

const isInputChain = (fw: TFirewall, r: TFirewallRule) => (fw.tool === "ufw" ? r.chain.startsWith("ufw in") : /input/i.test(r.chain.split(" ").pop() ?? ""));
const protoMatches = (r: TFirewallRule, proto: "tcp" | "udp") => r.proto === null || r.proto === proto;
const quote = (r: TFirewallRule) => `\`${r.raw.trim()}\` (${r.tool} ${r.chain})`;

function verdictOf(fw: TSourced<TFirewall>, family: TFamily, proto: "tcp" | "udp", port: number): TVerdict {
  const rules = fw.rules.filter((r) => isInputChain(fw, r) && ruleFamilies(fw, r).includes(family) && protoMatches(r, proto));
  const drop = rules.find((r) => DROP.has(r.action) && r.ports.includes(port) && r.source === null && (r.conditions ?? []).length === 0);
  const policyDrops = fw.defaultInputPolicy !== null && DROP.has(fw.defaultInputPolicy.toLowerCase()) && policyFamilies(fw).includes(family);
  if (!drop && !policyDrops) return { state: "open", why: `${fw.tool} has no rule dropping ${proto}/${port} and its input policy is ${fw.defaultInputPolicy ?? "unknown"}`, evidence: fw.evidence };
  // Accept rules that could let the port in before the drop takes effect. Within the drop's
  // own chain only earlier rules count; order across chains is not known, so all of them do.
  const openers = rules.filter((r) => {
    if (!ACCEPT.has(r.action)) return false;
    if (r.ports.length > 0 && !r.ports.includes(port)) return false;
    if ((r.conditions ?? []).length > 0 && (r.conditions ?? []).every(harmless)) return false;
    if (drop && r.chain === drop.chain && fw.rules.indexOf(r) > fw.rules.indexOf(drop)) return false;
    return true;
  });
  const by = drop ? quote(drop) : `the ${fw.tool} input policy ${fw.defaultInputPolicy}`;
  const wide = openers.filter((r) => r.source === null);
  if (wide.length > 0) return { state: "open", why: `${by} would drop ${proto}/${port}, but ${quote(wide[0]!)} may accept it first`, evidence: fw.evidence };
  if (openers.length > 0) {
    const sources = [...new Set(openers.map((r) => r.source!))];
    return { state: "restricted", why: `${by} drops ${proto}/${port} except from ${sources.join(", ")} (${openers.map(quote).join("; ")})`, evidence: fw.evidence };
  }
  return { state: "blocked", why: `${by} drops ${proto}/${port} from every source`, evidence: fw.evidence };
}

const STRENGTH = { open: 0, restricted: 1, blocked: 2 } as const;

export function firewallCoverage(
  firewalls: TSourced<TFirewall>[],
  socket: { proto: "tcp" | "udp"; port: number; family: "ipv4" | "ipv6" | "any"; throughNat: boolean },
): TFirewallCoverage {
  const active = firewalls.filter((f) => f.active);
  if (active.length === 0) return { kind: "none", text: "no active host firewall was found (nftables, iptables, ufw)", evidence: firewalls.flatMap((f) => f.evidence) };
  const evidence = [...new Set(active.flatMap((f) => f.evidence))];
  if (socket.throughNat) {
    return { kind: "bypassed", text: "the port is published by a container: its traffic is forwarded by NAT and never passes the host's input chain, so input rules do not protect it", evidence };
  }
  const families: TFamily[] = socket.family === "any" ? ["ipv4", "ipv6"] : [socket.family];
  // Every active firewall sees the packet; the strictest verdict wins.
  const perFamily = families.map((family) => {
    const verdicts = active.map((fw) => verdictOf(fw, family, socket.proto, socket.port));
    return { family, best: verdicts.sort((a, b) => STRENGTH[b.state] - STRENGTH[a.state])[0]! };
  });
  const states = new Set(perFamily.map((v) => v.best.state));
  const text = perFamily.map((v) => (families.length > 1 ? `${v.family}: ${v.best.why}` : v.best.why)).join("; ");
  if (states.size === 1 && states.has("blocked")) return { kind: "blocked", text, evidence };
  if (!states.has("open")) return { kind: "restricted", text, evidence };
  if (states.has("blocked") || states.has("restricted")) return { kind: "partial", text, evidence };
  return { kind: "open", text, evidence };
}
