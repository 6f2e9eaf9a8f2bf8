// Strategy 2, the safety net: a deny rule for the port on every interface but
// loopback, with the firewall tool the host already uses. Each rule lives in
// an object named after the step (its own nftables table, an iptables comment,
// one ufw rule), so the rollback removes exactly it and nothing else.
//
// On a systemd host an nftables or iptables rule is kept by a oneshot unit of
// the step's own: enabled, it is back after a reboot and after the host's
// firewall service reloads (PartOf), and stopping it removes the rule. ufw
// keeps its rules itself.
import type { THostFacts, TListenerOwner } from "../facts";
import { fileToRead } from "./backup";
import { shq } from "./shell";
import type { TStepFile, TStrategyResult } from "./types";

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

// The audit listed running services through systemctl, so PID 1 is systemd.
const runsSystemd = (facts: THostFacts) => facts.toolStates["systemd-services"] === "ok";

const STEP_DIR = "/etc/palisade";
const nftFile = (tag: string) => `${STEP_DIR}/palisade-${tag}.nft`;

// The step as a oneshot unit that holds its rule: written, enabled and started by the
// commands; stopped, disabled and removed by the rollback. /etc/palisade (for a ruleset file)
// is removed by the rollback only if this step made it.
function keptByUnit(tag: string, u: { what: string; partOf: string; start: string[]; stop: string[]; extraFile?: { path: string; lines: string[] } }) {
  const name = `palisade-${tag}-firewall.service`;
  const unitPath = `/etc/systemd/system/${name}`;
  const madeDir = `${STEP_DIR}/.palisade-${tag}-made-this-directory`;
  const lines = [
    "# Palisade hardening step: a firewall rule kept across reboots and firewall reloads",
    "[Unit]",
    `Description=Palisade step ${tag}: ${u.what}`,
    `After=${u.partOf}`,
    `PartOf=${u.partOf}`,
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=yes",
    ...u.start.map((c) => `ExecStart=${c}`),
    ...u.stop.map((c) => `ExecStop=${c}`),
    "[Install]",
    `WantedBy=multi-user.target ${u.partOf}`,
  ];
  const extra = u.extraFile;
  const files: TStepFile[] = [fileToRead(unitPath, "absent"), ...(extra ? [fileToRead(extra.path, "absent")] : [])];
  return {
    name,
    step: {
      files,
      commands: [
        `test ! -e ${shq(unitPath)}`,
        ...(extra
          ? [`test ! -e ${shq(extra.path)}`, `test -d ${STEP_DIR} || { mkdir -p ${STEP_DIR} && : > ${shq(madeDir)}; }`, `printf '%s\\n' ${extra.lines.map(shq).join(" ")} > ${shq(extra.path)}`]
          : []),
        `printf '%s\\n' ${lines.map(shq).join(" ")} > ${shq(unitPath)}`,
        "systemctl daemon-reload",
        `systemctl enable --now ${shq(name)}`,
      ],
      verifyCommands: [`systemctl is-enabled ${shq(name)}`, `systemctl is-active ${shq(name)}`],
      rollbackCommands: [
        `systemctl disable --now ${shq(name)}`,
        `rm -f ${shq(unitPath)}`,
        ...(extra ? [`rm -f ${shq(extra.path)}`, `if test -e ${shq(madeDir)}; then rm -f ${shq(madeDir)} && rmdir --ignore-fail-on-non-empty ${STEP_DIR}; fi`] : []),
        "systemctl daemon-reload",
      ],
    },
  };
}

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
    // priority -10: before the distribution's filter chain; its accept cannot override our drop.
    const chain = "{ type filter hook input priority -10; policy accept; }";
    const rule = `iifname != "lo" ${proto} dport ${port} drop`;
    const title = `Drop ${proto}/${port} with nftables (table inet ${table})`;
    const verify = [`nft list table inet ${table}`];
    if (runsSystemd(facts)) {
      // Declared, deleted and declared again in one transaction: loading it twice leaves one rule.
      const ruleset = [`table inet ${table}`, `delete table inet ${table}`, `table inet ${table} {`, "  chain input {", `    ${chain.slice(2, -2)}`, `    ${rule}`, "  }", "}"];
      const { name, step } = keptByUnit(tag, { what: `${proto}/${port} dropped by nftables`, partOf: "nftables.service", start: [`nft -f ${nftFile(tag)}`], stop: [`-nft delete table inet ${table}`], extraFile: { path: nftFile(tag), lines: ruleset } });
      return { ok: true, step: { strategy: "FIREWALL_DENY", title, why: why("nftables"), ...step, expectedAfter: `${expected} The rule lives in table inet ${table}, loaded by ${name}: back after a reboot and whenever nftables.service reloads.`, verifyCommands: [...verify, ...step.verifyCommands] } };
    }
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title,
        why: why("nftables"),
        commands: [
          `nft add table inet ${table}`,
          `nft add chain inet ${table} input ${shq(chain)}`,
          `nft add rule inet ${table} input ${shq(rule)}`,
        ],
        expectedAfter: `${expected} The rule lives in table inet ${table} (the host does not run systemd, so it is not kept across a reboot: add it to /etc/nftables.conf for that).`,
        verifyCommands: verify,
        rollbackCommands: [`nft delete table inet ${table}`],
        files: [],
      },
    };
  }
  if (tool === "iptables") {
    const rule = `INPUT -p ${proto} --dport ${port} ! -i lo -m comment --comment palisade-${tag} -j DROP`;
    const tools = needsV6(addresses) ? ["iptables", "ip6tables"] : ["iptables"];
    const insert = (t: string) => `${t} -I ${rule.replace("INPUT", "INPUT 1")}`;
    const title = `Drop ${proto}/${port} with ${tools.join(" and ")}`;
    const verify = tools.map((t) => `${t} -C ${rule}`);
    if (runsSystemd(facts)) {
      // Deleted first (ignoring "no such rule"), so starting it twice leaves one rule.
      const { name, step } = keptByUnit(tag, {
        what: `${proto}/${port} dropped by ${tools.join(" and ")}`,
        partOf: "netfilter-persistent.service",
        start: tools.flatMap((t) => [`-${t} -D ${rule}`, insert(t)]),
        stop: tools.map((t) => `-${t} -D ${rule}`),
      });
      return { ok: true, step: { strategy: "FIREWALL_DENY", title, why: why("iptables"), ...step, expectedAfter: `${expected} The rule is inserted by ${name}: back after a reboot and whenever netfilter-persistent reloads.`, verifyCommands: [...verify, ...step.verifyCommands] } };
    }
    return {
      ok: true,
      step: {
        strategy: "FIREWALL_DENY",
        title,
        why: why("iptables"),
        commands: tools.map(insert),
        expectedAfter: `${expected} (The host does not run systemd: iptables-save the rule to keep it across a reboot.)`,
        verifyCommands: verify,
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
