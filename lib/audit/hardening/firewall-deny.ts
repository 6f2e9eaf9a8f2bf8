// Strategy 2, the safety net: a deny rule for the port on every interface but
// loopback, with the firewall tool the host already uses. Each rule lives in
// an object named after the step (its own nftables table, an iptables comment,
// one ufw rule), so the rollback removes exactly it and nothing else.
import type { THostFacts, TListenerOwner } from "../facts";
import { shq } from "./shell";
import type { TStrategyResult } from "./types";

type TTool = "nftables" | "iptables" | "ufw";

const present = (facts: THostFacts, key: string) => facts.toolStates[key] === "ok" || facts.toolStates[key] === "empty";

// The tool whose rules the kernel applies: an active ufw owns the ruleset; else
// nftables or iptables as the host reports them.
export function firewallTool(facts: THostFacts): TTool | null {
  if (facts.firewalls.some((f) => f.tool === "ufw" && f.active)) return "ufw";
  if (facts.firewalls.some((f) => f.tool === "nftables") || present(facts, "nft-ruleset")) return "nftables";
  if (facts.firewalls.some((f) => f.tool === "iptables") || present(facts, "iptables")) return "iptables";
  return null;
}

const needsV6 = (addresses: string[]) => addresses.some((a) => a.includes(":") || a === "*");

export function firewallDeny(owner: TListenerOwner, port: number, addresses: string[], facts: THostFacts, tag: string): TStrategyResult {
  const proto = owner.proto;
  const tool = firewallTool(facts);
  const expected = `${proto}/${port} is dropped on every interface except loopback; local clients still reach it on 127.0.0.1:${port}.`;
  const why = (t: string) => `the host's firewall is ${t}; the rule is added there as a safety net.`;
  if (owner.publishedBy) {
    // Published container ports are DNATed in PREROUTING and never reach INPUT:
    // Docker's documented place for user rules is the DOCKER-USER chain.
    if (!present(facts, "iptables")) return { ok: false, why: `the port is published by container ${owner.publishedBy.name} and iptables (Docker's DOCKER-USER chain) is not available` };
    const rule = `DOCKER-USER -p ${proto} -m conntrack --ctorigdstport ${port} -m comment --comment palisade-${tag} -j DROP`;
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title: `Drop ${proto}/${port} to container ${owner.publishedBy.name} in DOCKER-USER`,
        why: `the port is published by container ${owner.publishedBy.name}; Docker routes it past INPUT, so the deny goes in the DOCKER-USER chain.`,
        commands: [`iptables -I ${rule.replace("DOCKER-USER", "DOCKER-USER 1")}`],
        expectedAfter: `Forwarded connections to host port ${port} of ${owner.publishedBy.name} are dropped.`,
        verifyCommands: [`iptables -C ${rule}`, "iptables -S DOCKER-USER"],
        rollbackCommands: [`iptables -D ${rule}`],
        files: [],
      },
    };
  }
  if (tool === "nftables") {
    const table = `palisade_${tag}`;
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title: `Drop ${proto}/${port} with nftables (table inet ${table})`,
        why: why("nftables"),
        commands: [
          `nft add table inet ${table}`,
          // priority -10: before the distribution's filter chain; its accept cannot override our drop.
          `nft add chain inet ${table} input ${shq("{ type filter hook input priority -10; policy accept; }")}`,
          `nft add rule inet ${table} input ${shq(`iifname != "lo" ${proto} dport ${port} drop`)}`,
        ],
        expectedAfter: `${expected} The rule lives in table inet ${table} (not persisted to /etc/nftables.conf: a reboot drops it until the consultant adds it there).`,
        verifyCommands: [`nft list table inet ${table}`],
        rollbackCommands: [`nft delete table inet ${table}`],
        files: [],
      },
    };
  }
  if (tool === "iptables") {
    const rule = `INPUT -p ${proto} --dport ${port} ! -i lo -m comment --comment palisade-${tag} -j DROP`;
    const tools = needsV6(addresses) ? ["iptables", "ip6tables"] : ["iptables"];
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title: `Drop ${proto}/${port} with ${tools.join(" and ")}`,
        why: why("iptables"),
        commands: tools.map((t) => `${t} -I ${rule.replace("INPUT", "INPUT 1")}`),
        expectedAfter: `${expected} (Runtime rules: iptables-save them to keep them across a reboot.)`,
        verifyCommands: tools.map((t) => `${t} -C ${rule}`),
        rollbackCommands: tools.map((t) => `${t} -D ${rule}`),
        files: [],
      },
    };
  }
  if (tool === "ufw") {
    const ufwRule = `deny proto ${proto} to any port ${port}`;
    const hasRules = facts.firewalls.some((f) => f.tool === "ufw" && f.rules.length > 0);
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title: `Deny ${proto}/${port} with ufw`,
        why: why("ufw (active)"),
        // First, so an earlier allow rule for the port cannot win; ufw refuses position 1 in an empty rule list.
        commands: [hasRules ? `ufw insert 1 ${ufwRule}` : `ufw ${ufwRule}`],
        expectedAfter: `${expected} ufw persists the rule.`,
        verifyCommands: ["ufw status numbered"],
        rollbackCommands: [`ufw delete ${ufwRule}`],
        files: [],
      },
    };
  }
  return { ok: false, why: "the host has no firewall tool the audit could see (no nft, iptables or active ufw)" };
}
