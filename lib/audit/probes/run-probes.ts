// Phase 3's probes: for every TCP listener reachable from outside the host, ask it what it
// speaks, through the SSH connection (the host's sshd connects to its own listener). Every
// listener gets a probe record and an evidence record, whatever happens; nothing here fails the
// host.
//
// TProbe.details keys, by what set them (all values strings):
//   every probe   probedAt ("127.0.0.1:6379": where the host connected; loopback for wildcards)
//   TLS           tlsFingerprint256, tlsValidFrom, tlsSubjectAltName, tlsCipher;
//                 tlsAlert (it speaks TLS but would not finish a handshake with us)
//   http          unknownPathStatus (status of a made-up path: "200" = answers every path),
//                 corsAllowCredentials
//   inspector     browser, protocolVersion, v8Version
//   docker-api    apiVersion, version, os, arch, kernelVersion
//   elasticsearch clusterName, version, distribution, tagline, security ("enabled")
//   redis         version, mode, protectedMode ("yes" | "no")
//   memcached     version
//   postgresql    ssl ("offered" | "not offered"), authMethod ("trust", "md5", "scram-sha-256"...),
//                 startupOver ("tls" | "plaintext"), startupAnswer (the server's error),
//                 plaintextStartup (how a startup without TLS was answered)
//   mysql         version, authPlugin, ssl, error
//   mongodb       maxWireVersion, setName, msg, ismaster, isWritablePrimary
//   ssh           protocolVersion, software
//   smtp          starttls ("offered" | "not offered"), auth (mechanisms or "not offered")
import type { TProbe } from "../classification-types";
import type { TListener, TOutcome, TSourced } from "../facts";
import type { TAuditSession } from "../phases/session";
import { BudgetSpent, createContext, whereOf } from "./context";
import { ForwardError } from "./forward";
import { DEFAULT_PROBE_LIMITS, type TProbeLimits } from "./limits";
import { identifyListener } from "./probe-listener";
import { createTranscript } from "./transcript";

export type TRunProbesOptions = {
  limits?: Partial<TProbeLimits>;
  // Epoch ms by which every probe must have stopped (the host's own deadline, less a margin).
  deadline?: number;
};

// Where the host itself reaches a listener. A wildcard listener takes loopback connections;
// [::] may be IPv6-only (it is when a 0.0.0.0 socket shares the port), so ::1 first and
// 127.0.0.1 only when no IPv4 socket would take that connection instead.
export function probeDestinations(l: Pick<TListener, "address" | "interface" | "port">, siblings: Pick<TListener, "address" | "port">[] = []): string[] {
  const v4Twin = siblings.some((s) => s.port === l.port && (s.address === "0.0.0.0" || s.address === "*"));
  switch (l.address) {
    case "0.0.0.0":
      return ["127.0.0.1"];
    case "*":
      return ["127.0.0.1", "::1"];
    case "::":
      return v4Twin ? ["::1"] : ["::1", "127.0.0.1"];
    default:
      // A link-local address needs its interface ("fe80::1%eth0").
      return [/^fe80:/i.test(l.address) && l.interface ? `${l.address}${l.interface.startsWith("%") ? "" : "%"}${l.interface}` : l.address];
  }
}

function keyFor(l: TListener, sharedPort: boolean) {
  return sharedPort ? `probe:${l.address.includes(":") ? `[${l.address}]` : l.address}:${l.port}` : `probe:${l.port}`;
}

function emptyProbe(l: TListener): TProbe {
  return { proto: "tcp", address: l.address, port: l.port, via: "forwarded", tls: null, protocol: "unknown", authRequired: null, http: null, banner: null, details: {}, error: null };
}

async function probeOne(session: TAuditSession, l: TSourced<TListener>, key: string, candidates: string[], limits: TProbeLimits, phaseDeadline: number) {
  const probe = emptyProbe(l);
  const startedAt = new Date();
  const t0 = performance.now();
  const transcript = createTranscript(l.port, limits);
  const ctx = createContext({ conn: session.conn, candidates, port: l.port, limits, deadline: Math.min(Date.now() + limits.listenerBudgetMs, phaseDeadline), transcript, probe });
  let exitCode: number | null = 0;
  try {
    await identifyListener(ctx);
  } catch (err) {
    exitCode = null;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof ForwardError && err.kind === "prohibited") probe.via = "unavailable";
    probe.error = err instanceof ForwardError || err instanceof BudgetSpent ? message : `probe failed: ${message}`;
  } finally {
    ctx.closeAll();
  }
  const dests = ctx.dests.length > 0 ? ctx.dests : candidates.slice(0, 1);
  probe.details.probedAt = whereOf(dests[dests.length - 1]!, l.port);
  const outcome: TOutcome = probe.via === "unavailable" || (exitCode === null && transcript.bytesReceived === 0) ? "error" : transcript.bytesReceived > 0 ? "ok" : "empty";
  const evidence = transcript.evidence({ key, dests, startedAt, durationMs: performance.now() - t0, exitCode, outcome, error: probe.error });
  return { probe: { ...probe, evidence: [key] }, evidence };
}

export async function runProbes(session: TAuditSession, listeners: TSourced<TListener>[], opts: TRunProbesOptions = {}): Promise<TSourced<TProbe>[]> {
  const limits: TProbeLimits = { ...DEFAULT_PROBE_LIMITS, ...opts.limits };
  const phaseDeadline = Math.min(opts.deadline ?? Infinity, Date.now() + limits.phaseBudgetMs);
  const seen = new Set<string>();
  const exposed = listeners.filter((l) => {
    const id = `${l.address}|${l.interface ?? ""}|${l.port}`;
    if (l.proto !== "tcp" || l.bindScope === "loopback" || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const perPort = new Map<number, number>();
  for (const l of exposed) perPort.set(l.port, (perPort.get(l.port) ?? 0) + 1);

  const results: TSourced<TProbe>[] = new Array(exposed.length);
  let next = 0;
  // As many listeners at once as the connection has channels; each holds at most one at a time.
  const worker = async () => {
    for (let i = next++; i < exposed.length; i = next++) {
      const l = exposed[i]!;
      const key = keyFor(l, (perPort.get(l.port) ?? 0) > 1);
      if (Date.now() >= phaseDeadline || session.conn.lost()) {
        const why = session.conn.lost() ? `not probed: ${session.conn.lost()!.message}` : "not probed: the probe phase ran out of time";
        results[i] = { ...emptyProbe(l), error: why, evidence: [] };
        continue;
      }
      let done;
      try {
        done = await probeOne(session, l, key, probeDestinations(l, exposed), limits, phaseDeadline);
      } catch (err) {
        // A bug here must cost one listener its probe, not the host its audit.
        results[i] = { ...emptyProbe(l), error: `probe failed: ${err instanceof Error ? err.message : String(err)}`, evidence: [] };
        continue;
      }
      const { probe, evidence } = done;
      session.evidence.push(evidence);
      if (probe.via === "unavailable") {
        const note = "probes: the host refused to forward connections to its own ports (AllowTcpForwarding no, or a restricted key); authentication and TLS are known from discovery only";
        if (!session.hidden.includes(note)) session.hidden.push(note);
      }
      results[i] = probe;
    }
  };
  await Promise.all(Array.from({ length: Math.min(session.limits.maxChannels, exposed.length) }, worker));
  return results;
}
