// Phase 4: one finding + its host run's facts -> one proposed hardening step,
// tried in strict priority: (1) bind to localhost, (2) firewall deny as a safety
// net, (3) reverse proxy with TLS and access control only where public access
// is required. The rationale says why each higher strategy does not apply.
import { emptyOwner } from "../empty-owner";
import type { TListenerOwner } from "../facts";
import { bindCronProcess } from "./bind-cron-process";
import { bindByServiceConfig } from "./bind-service-config";
import { bindBySystemdDropIn } from "./bind-systemd-dropin";
import { firewallDeny } from "./firewall-deny";
import { addressesOnPort, ownerOf, programName } from "./listener-owner";
import { reverseProxy } from "./reverse-proxy";
import { asAuditUser, safePort, UnsafeValue } from "./shell";
import type { TPlanInput, TPlannedStep, TPlanResult, TStrategyResult } from "./types";

// Findings about a service whose users reach it over the network on purpose:
// an HTTP app or site. A stray file server or a debug port is not one of them.
const PUBLIC_SERVICE_RULES = new Set(["plain-http-exposed", "wildcard-cors", "tls-service-exposed"]);
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

// An unsafe value from the host makes a strategy not apply, with the reason;
// it never reaches a command.
function attempt(fn: () => TStrategyResult): TStrategyResult {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UnsafeValue) return { ok: false, why: `refused: ${err.message}` };
    throw err;
  }
}

function bindLocalhost(owner: TListenerOwner, port: number, input: TPlanInput): TStrategyResult {
  if (owner.publishedBy || owner.containerId) {
    const name = owner.publishedBy?.name ?? owner.containerId;
    return { ok: false, why: `the port belongs to container ${name}: publishing it on 127.0.0.1 means re-creating the container from its run configuration (compose file, volumes, environment), which the audit does not collect` };
  }
  if (!owner.pid) return { ok: false, why: "the process owning the port is not visible to the audit user" };
  const tries = [
    () => bindCronProcess(owner, port, input.facts, input.tag),
    () => bindByServiceConfig(owner, port, input.tag, input.facts.os?.id ?? null),
    () => bindBySystemdDropIn(owner, port, input.tag),
  ];
  const reasons: string[] = [];
  for (const t of tries) {
    const r = attempt(t);
    if (r.ok) return r;
    if (!reasons.includes(r.why)) reasons.push(r.why);
  }
  return { ok: false, why: reasons.filter((w) => !/not started by cron|not a systemd service's/.test(w) || reasons.length === 1).join("; ") };
}

function finish(step: Extract<TStrategyResult, { ok: true }>["step"], rationale: string, uid: number | null | undefined): TPlannedStep {
  const { why: _why, ...rest } = step;
  return {
    ...rest,
    rationale,
    commands: asAuditUser(rest.commands, uid),
    verifyCommands: asAuditUser(rest.verifyCommands, uid),
    rollbackCommands: asAuditUser(rest.rollbackCommands, uid),
    files: rest.files.map((f) => ({ ...f, readCommand: asAuditUser([f.readCommand], uid)[0]! })),
  };
}

export function planHardening(input: TPlanInput & { sshPort: number }): TPlanResult {
  const { finding, facts, exposure, tag } = input;
  if (!/^[a-z0-9]{6,32}$/.test(tag)) throw new Error("tag must be 6-32 lower-case letters and digits");
  if (!finding.proto || finding.port === null) return { ok: false, reason: "The finding is not about a listening port, so there is nothing to bind or firewall." };
  const port = safePort(finding.port);
  const owner = ownerOf(finding, facts) ?? emptyOwner({ proto: finding.proto, address: finding.address ?? "0.0.0.0", port });
  const name = programName(owner);
  if (port === input.sshPort || name === "sshd") {
    return { ok: false, reason: `Port ${port} is the SSH port Palisade and the consultant reach this host on: binding it to localhost or dropping it would lock everyone out. Restrict SSH itself (key-only logins, AllowUsers, a source allow-list) by hand.` };
  }
  const uid = facts.identity?.uid;
  const bind = bindLocalhost(owner, port, input);
  const firewall = attempt(() => firewallDeny(owner, port, addressesOnPort(finding, facts), facts, tag));
  const publicRequired = exposure === "INTERNET" && PUBLIC_SERVICE_RULES.has(finding.ruleId);

  if (publicRequired) {
    const hostname = facts.hostname && HOSTNAME.test(facts.hostname) ? facts.hostname : "localhost";
    const inner = bind.ok ? bind.step : firewall.ok ? firewall.step : null;
    const proxy = attempt(() => reverseProxy(owner, port, facts, inner, tag, hostname));
    const head = `Public access is required: the host is exposed to the internet and ${name} on ${finding.proto}/${port} serves users over HTTP, so binding it to localhost or dropping the port alone would cut them off.`;
    if (proxy.ok) return { ok: true, step: finish(proxy.step, `${head} Reverse proxy: ${proxy.step.why}`, uid) };
    return { ok: false, reason: `${head} A reverse proxy cannot be proposed: ${proxy.why}.` };
  }
  const notPublic = exposure === "INTERNET" ? "A reverse proxy is not proposed: nothing says this port must be reachable from outside." : "A reverse proxy is not proposed: the host is internal and nothing says this port must be reachable from other machines.";
  if (bind.ok) return { ok: true, step: finish(bind.step, `Bind to localhost: ${bind.step.why} ${notPublic}`, uid) };
  if (firewall.ok) return { ok: true, step: finish(firewall.step, `Not bound to localhost: ${bind.why}. Firewall deny: ${firewall.step.why} ${notPublic}`, uid) };
  return { ok: false, reason: `Not bound to localhost: ${bind.why}. No firewall rule: ${firewall.why}.` };
}
