// Before/after of one hardening step's finding: the socket as the audit that found it saw it,
// and as the verification run sees it, read two independent ways (ss and /proc/net) plus the
// firewall, and a connection attempt from the Palisade worker where one was made. Pure: no
// Next, no Prisma. The answer is data a reviewer can check: which outcome,
// in words, and the evidence keys of both sides.
import type { TFirewall, TSourced } from "../facts";
import { isLoopbackAddress } from "../loopback";
import { firewallCoverage } from "../rules/firewall-coverage";
import type { TOutsideCheck } from "../verification/reach-from-outside";

export type TStepOutcome = "listener-gone" | "loopback-only" | "firewall-dropped" | "unchanged";

export type TSocketSeen = { proto: string; address: string; port: number; exe?: string | null; processName?: string | null; bindScope?: string | null; evidenceKeys: string[] };

export type TStepDiff = {
  outcome: TStepOutcome;
  // The exposure the finding is about is gone (every outcome but "unchanged").
  exposureGone: boolean;
  text: string;
  target: { proto: string; port: number; address: string | null; executable: string | null };
  before: { hostRunId: string | null; sockets: TSocketSeen[]; evidenceKeys: string[] };
  after: { hostRunId: string; ss: TSocketSeen[]; procNet: TSocketSeen[]; firewall: string | null; outside: TOutsideCheck | null; evidenceKeys: string[] };
  // ss and /proc/net did not list the same sockets for this port, or the host's view says the
  // port is closed to others while a connection from outside was accepted: said, and the more
  // exposed reading wins.
  disagreement: string | null;
};

export const STEP_OUTCOME_TEXT: Record<TStepOutcome, string> = {
  "listener-gone": "listener gone",
  "loopback-only": "now bound to 127.0.0.1/::1 only",
  "firewall-dropped": "port dropped by the firewall (rule present)",
  unchanged: "unchanged: still reachable from other machines",
};

export function isLoopbackSocket(s: { address: string; bindScope?: string | null }): boolean {
  return s.bindScope === "loopback" || isLoopbackAddress(s.address);
}

const familyOf = (address: string): "ipv4" | "ipv6" | "any" => (address === "*" ? "any" : address.includes(":") ? "ipv6" : "ipv4");
const where = (s: TSocketSeen) => (s.address.includes(":") ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`);
// ss prints a dual-stack socket as "*", /proc/net/tcp6 as "::".
const sameAddress = (a: string) => (a === "*" ? "::" : a);
const keys = (xs: TSocketSeen[]) => [...new Set(xs.flatMap((x) => x.evidenceKeys))];

export function diffStep(input: {
  target: TStepDiff["target"];
  before: { hostRunId: string | null; listeners: TSocketSeen[] };
  after: { hostRunId: string; listeners: TSocketSeen[]; procNet: TSocketSeen[]; procNetKeys: string[]; firewalls: TSourced<TFirewall>[]; outside?: TOutsideCheck[] };
}): TStepDiff {
  const { target } = input;
  const onPort = (s: TSocketSeen) => s.proto === target.proto && s.port === target.port;
  const before = input.before.listeners.filter(onPort);
  const ss = input.after.listeners.filter(onPort);
  const procNet = input.after.procNet.filter(onPort);

  const ssSet = new Set(ss.map((s) => sameAddress(s.address)));
  const procSet = new Set(procNet.map((s) => sameAddress(s.address)));
  const onlySs = [...ssSet].filter((a) => !procSet.has(a));
  const onlyProc = [...procSet].filter((a) => !ssSet.has(a));
  const disagreements =
    onlySs.length || onlyProc.length
      ? [`ss and /proc/net disagree on ${target.proto}/${target.port}: ${onlySs.length ? `only ss lists ${onlySs.join(", ")}` : ""}${onlySs.length && onlyProc.length ? "; " : ""}${onlyProc.length ? `only /proc/net lists ${onlyProc.join(", ")}` : ""}`]
      : [];
  const outside = target.proto === "tcp" ? (input.after.outside?.find((o) => o.port === target.port) ?? null) : null;

  const all = [...ss, ...procNet];
  const exposed = all.filter((s) => !isLoopbackSocket(s));
  let outcome: TStepOutcome;
  let firewall: string | null = null;
  let firewallKeys: string[] = [];
  if (all.length === 0) outcome = "listener-gone";
  else if (exposed.length === 0) outcome = "loopback-only";
  else {
    const proto = target.proto === "udp" ? "udp" : "tcp";
    const coverages = [...new Set(exposed.map((s) => familyOf(s.address)))].map((family) => firewallCoverage(input.after.firewalls, { proto, port: target.port, family, throughNat: false }));
    firewall = coverages.map((c) => c.text).join("; ");
    firewallKeys = [...new Set(coverages.flatMap((c) => c.evidence))];
    outcome = coverages.every((c) => c.kind === "blocked") ? "firewall-dropped" : "unchanged";
  }
  if (outcome !== "unchanged" && outside?.reach === "accepted") {
    disagreements.push(`the host's own view says ${STEP_OUTCOME_TEXT[outcome]}, but a connection from the Palisade worker was accepted`);
    outcome = "unchanged";
  } else if (outcome === "unchanged" && outside && outside.reach !== "accepted") {
    disagreements.push(`the host's own view says it is reachable, but ${outside.text}: something between them may filter it, and other networks may still reach it`);
  }

  const beforeText = before.length ? before.map(where).join(", ") : "not listed";
  const afterText = all.length ? [...new Set(all.map(where))].join(", ") : "nothing listening";
  return {
    outcome,
    exposureGone: outcome !== "unchanged",
    text: `${target.proto}/${target.port}: before ${beforeText}; after ${afterText}: ${STEP_OUTCOME_TEXT[outcome]}${firewall && outcome === "firewall-dropped" ? ` (${firewall})` : ""}${outside ? `; ${outside.text}` : ""}`,
    target,
    before: { hostRunId: input.before.hostRunId, sockets: before, evidenceKeys: keys(before) },
    after: {
      hostRunId: input.after.hostRunId,
      ss,
      procNet,
      firewall,
      outside,
      evidenceKeys: [...new Set([...keys(ss), ...input.after.procNetKeys, ...firewallKeys, ...(outside ? [outside.evidenceKey] : [])])],
    },
    disagreement: disagreements.length ? disagreements.join("; ") : null,
  };
}
