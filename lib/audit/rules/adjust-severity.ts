// The one place that moves a finding's severity for reasons outside the service itself: how
// the host is exposed, what address the socket is bound to, and the host firewall. Rules
// state the severity the service deserves on an open network; this says what changes it and
// why, in words that go into the finding.
import type { THostContext, TSeverity } from "../classification-types";
import type { TFirewall, TSourced } from "../facts";
import { firewallCoverage, type TFirewallCoverage } from "./firewall-coverage";

export const SEVERITIES: readonly TSeverity[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

export function lower(s: TSeverity, levels: number): TSeverity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - levels)]!;
}

export function severityRank(s: TSeverity): number {
  return SEVERITIES.indexOf(s);
}

export type TSocketContext = {
  proto: "tcp" | "udp";
  port: number;
  address: string;
  family: "ipv4" | "ipv6" | "any";
  bindScope: "all" | "specific" | "loopback";
  // Published by a container: reached through NAT, not through the input chain.
  throughNat: boolean;
};

export type TAdjusted = {
  severity: TSeverity;
  // What moved it (or, for the firewall, why it did not), one sentence each.
  adjustments: string[];
  firewall: TFirewallCoverage;
  evidence: string[];
};

// RFC 1918, CGNAT, link-local, unique-local: not routed from the internet.
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  const v6 = address.toLowerCase();
  return /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

export function adjustSeverity(base: TSeverity, host: THostContext, firewalls: TSourced<TFirewall>[], socket: TSocketContext): TAdjusted {
  let severity = base;
  const adjustments: string[] = [];
  const step = (levels: number, why: string) => {
    const before = severity;
    severity = lower(severity, levels);
    adjustments.push(before === severity ? `${why} (already ${severity})` : `${why}: ${before} lowered to ${severity}`);
  };

  // Not reachable from the internet: one level, once, whichever says so.
  const privateBind = socket.bindScope === "specific" && isPrivateAddress(socket.address);
  if (host.exposure === "INTERNAL") {
    step(1, `The host is marked INTERNAL (not reachable from the internet)${privateBind ? ` and the socket is bound to the private address ${socket.address}` : ""}`);
  } else if (privateBind) {
    step(1, `The socket is bound to the private address ${socket.address} only, which is not routed from the internet`);
  }

  const firewall = firewallCoverage(firewalls, socket);
  switch (firewall.kind) {
    case "blocked":
      // Not to LOW from CRITICAL: the firewall is then the only control, one ruleset change away
      // from exposing the service again.
      step(2, `The host firewall stops it: ${firewall.text}; the firewall is then the only control`);
      break;
    case "restricted":
      step(1, `The host firewall limits who can reach it: ${firewall.text}`);
      break;
    case "partial":
      adjustments.push(`Not lowered for the firewall: it covers one address family only (${firewall.text})`);
      break;
    case "bypassed":
      adjustments.push(`Not lowered for the firewall: ${firewall.text}`);
      break;
    case "open":
      adjustments.push(`Not covered by the host firewall: ${firewall.text}`);
      break;
    case "none":
      adjustments.push(`Not lowered: ${firewall.text}`);
      break;
  }
  return { severity, adjustments, firewall, evidence: firewall.kind === "none" ? [] : firewall.evidence };
}
