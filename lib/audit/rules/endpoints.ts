// The facts the rules share, joined once per classification: every socket reachable from
// beyond loopback with its owner, the container behind it, the probe's answer and what it
// is; and every loopback-only socket. Also decides which one rule gives an exposed endpoint
// its primary finding, so two rules never rate the same socket from opposite sides.
import type { TClassificationInput, TProbe } from "../classification-types";
import type { TBindScope, TContainer, TListener, TListenerOwner, TSourced } from "../facts";
import { argvOf, DATASTORE_KINDS, identifyService, probeAnswered, type TServiceIdentity } from "./identify-service";
import { isLoopbackAddress } from "../loopback";

export type TEndpoint = {
  proto: "tcp" | "udp";
  address: string;
  port: number;
  family: TListener["family"];
  bindScope: TBindScope;
  // null when only a container's published port shows it (no docker-proxy listening).
  listener: TSourced<TListener> | null;
  owner: TSourced<TListenerOwner> | null;
  container: TSourced<TContainer> | null;
  probe: TSourced<TProbe> | null;
  identity: TServiceIdentity;
};

export type TPrimaryRule =
  | "exposed-unauthenticated-datastore"
  | "datastore-network-exposed"
  | "bare-http-server"
  | "debug-endpoint-exposed"
  | "plain-http-exposed"
  | "tls-service-exposed"
  | "ssh-exposed"
  | "exposed-listener-unclassified";

export function probeFor(probes: TSourced<TProbe>[], proto: "tcp" | "udp", address: string, port: number): TSourced<TProbe> | null {
  const same = probes.filter((p) => p.proto === proto && p.port === port);
  const rank = (p: TProbe) => (p.address === address ? 0 : 2) + (probeAnswered(p) ? 0 : 1);
  return same.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

function containerOf(containers: TSourced<TContainer>[], owner: TListenerOwner | null): TSourced<TContainer> | null {
  const id = owner?.publishedBy?.containerId ?? owner?.containerId;
  if (!id) return null;
  return containers.find((c) => c.id.startsWith(id) || id.startsWith(c.id)) ?? null;
}

function scopeOf(address: string): { bindScope: TBindScope; family: TListener["family"] } {
  const family = address === "*" ? "any" : address.includes(":") ? "ipv6" : "ipv4";
  if (address === "" || address === "0.0.0.0" || address === "::" || address === "*") return { bindScope: "all", family };
  if (isLoopbackAddress(address)) return { bindScope: "loopback", family };
  return { bindScope: "specific", family };
}

const cache = new WeakMap<TClassificationInput, TEndpoint[]>();

export function exposedEndpoints(input: TClassificationInput): TEndpoint[] {
  const hit = cache.get(input);
  if (hit) return hit;
  const { facts, probes } = input;
  const out: TEndpoint[] = [];
  for (const l of facts.listeners) {
    if (l.bindScope === "loopback") continue;
    const owner = facts.owners.find((o) => o.proto === l.proto && o.address === l.address && o.port === l.port) ?? null;
    const container = containerOf(facts.containers, owner);
    const probe = l.proto === "tcp" ? probeFor(probes, l.proto, l.address, l.port) : null;
    out.push({ proto: l.proto, address: l.address, port: l.port, family: l.family, bindScope: l.bindScope, listener: l, owner, container, probe, identity: identifyService({ owner, container, probe, port: l.port }) });
  }
  // Ports a container publishes with no socket on the host (docker's userland proxy off,
  // netavark): reachable all the same, through NAT.
  for (const c of facts.containers) {
    for (const p of c.ports) {
      const address = p.hostIp === "" ? "0.0.0.0" : p.hostIp;
      const scope = scopeOf(address);
      if (scope.bindScope === "loopback") continue;
      if (facts.listeners.some((l) => l.proto === p.proto && l.port === p.hostPort)) continue;
      if (out.some((e) => e.proto === p.proto && e.port === p.hostPort && e.container?.id === c.id)) continue;
      const probe = p.proto === "tcp" ? probeFor(probes, p.proto, address, p.hostPort) : null;
      out.push({ proto: p.proto, address, port: p.hostPort, ...scope, listener: null, owner: null, container: c, probe, identity: identifyService({ owner: null, container: c, probe, port: p.hostPort }) });
    }
  }
  cache.set(input, out);
  return out;
}

export type TLoopbackListener = { listener: TSourced<TListener>; probe: TSourced<TProbe> | null };

export function loopbackListeners(input: TClassificationInput): TLoopbackListener[] {
  return input.facts.listeners
    .filter((l) => l.bindScope === "loopback")
    .map((l) => ({ listener: l, probe: l.proto === "tcp" ? probeFor(input.probes, l.proto, l.address, l.port) : null }));
}

// memcached has no authentication unless started with SASL (-S) or an ASCII auth file (-Y).
export function memcachedAuthFlag(owner: TListenerOwner | null): string | null {
  const argv = argvOf(owner);
  const flag = argv.find((a) => a === "-S" || a === "--enable-sasl" || a === "-Y" || a.startsWith("--auth-file"));
  return flag ?? null;
}

// The Docker API is only authenticated with client certificates (--tlsverify).
export function dockerTlsVerify(owner: TListenerOwner | null): boolean {
  return argvOf(owner).some((a) => a === "--tlsverify" || a.startsWith("--tlsverify="));
}

// Does the datastore answer without credentials? From the probe when it could tell; else from
// the command line where that alone settles it (memcached without -S/-Y, dockerd without
// --tlsverify, and UDP memcached which cannot authenticate at all).
export function datastoreAnswersWithoutAuth(e: TEndpoint): { yes: boolean; from: "probe" | "cmdline" | null } {
  if (probeAnswered(e.probe) && e.probe.authRequired !== null) return { yes: !e.probe.authRequired, from: "probe" };
  if (e.identity.kind === "memcached" && e.owner?.cmdline && (e.proto === "udp" || !memcachedAuthFlag(e.owner))) return { yes: true, from: "cmdline" };
  if (e.identity.kind === "docker-api" && e.owner?.cmdline && !dockerTlsVerify(e.owner)) return { yes: true, from: "cmdline" };
  return { yes: false, from: null };
}

export function primaryRule(e: TEndpoint): TPrimaryRule {
  const { kind } = e.identity;
  const answered = probeAnswered(e.probe) ? e.probe : null;
  if (kind === "debugger") return "debug-endpoint-exposed";
  if (kind === "adhoc-http") return "bare-http-server";
  if (DATASTORE_KINDS.has(kind)) return datastoreAnswersWithoutAuth(e).yes ? "exposed-unauthenticated-datastore" : "datastore-network-exposed";
  if (kind === "ssh") return "ssh-exposed";
  if (kind === "web-server" || kind === "http-app") return answered?.tls ? "tls-service-exposed" : "plain-http-exposed";
  if (kind === "unknown" && answered?.tls) return "tls-service-exposed";
  return "exposed-listener-unclassified";
}

export function endpointsFor(input: TClassificationInput, rule: TPrimaryRule): TEndpoint[] {
  return exposedEndpoints(input).filter((e) => primaryRule(e) === rule);
}

// "0.0.0.0:6379", "[::]:8080", "*:9100"
export function socketLabel(e: { proto: string; address: string; port: number }): string {
  const host = e.address.includes(":") ? `[${e.address}]` : e.address;
  return `${e.proto}/${e.port} on ${host}:${e.port}`;
}

export function bindWords(e: TEndpoint): string {
  if (e.bindScope === "specific") return `bound to ${e.address} only`;
  if (e.family === "any") return "on every IPv4 and IPv6 interface (dual-stack socket)";
  if (e.family === "ipv6") return "on every IPv6 interface";
  return "on every IPv4 interface";
}
