// Sockets bound to loopback only: nothing outside the host reaches them. Recorded as Low so
// the inventory says what was checked, and what local users could still reach.
import type { TRule } from "../classification-types";
import { probeSentence } from "./describe";
import { loopbackListeners } from "./endpoints";
import { protocolCheck, ssCommand } from "./reproduce";
import { describeProcess, identifyService, probeAnswered } from "./identify-service";
import { emptyOwner } from "../empty-owner";

const ID = "loopback-only-listener";

export const loopbackOnlyListener: TRule = {
  id: ID,
  title: "Service bound to loopback only",
  cwe: null,
  classify: (input) =>
    loopbackListeners(input).map(({ listener: l, probe }) => {
      const name = l.processes[0]?.name ?? null;
      // Loopback sockets get no forensics; when the same process also owns an exposed socket,
      // that socket's owner record says who it is.
      const pids = new Set(l.processes.map((p) => p.pid));
      const known = input.facts.owners.find((o) => o.pid !== null && pids.has(o.pid) && o.exe) ?? null;
      const identity = identifyService({ owner: known ?? (name ? { ...emptyOwner(l), processName: name } : null), container: null, probe, port: l.port });
      const label = known ? describeProcess(known) : (name ?? "an unnamed process");
      const open = probeAnswered(probe) && probe.authRequired === false ? " It answers without credentials, so every local user and process can use it; keep it that way only if that is intended." : "";
      const check = protocolCheck(identity.kind, l.proto, l.address, l.port, { tls: !!probe?.tls });
      return {
        ruleId: ID,
        title: `${identity.kind === "unknown" ? label : identity.name} on ${l.proto}/${l.port} is bound to loopback only`,
        severity: "LOW" as const,
        why: [
          `${label} listens on ${l.address.includes(":") ? `[${l.address}]` : l.address}:${l.port} (${l.proto}), a loopback address: other machines cannot connect to it.${open}`,
          probe ? probeSentence({ probe, address: l.address, port: l.port }) : "",
          `Confidence high: the bound address comes from ss${known ? `; the process's details from the forensics of its exposed socket on port ${known.port}` : ""}.`,
        ]
          .filter(Boolean)
          .join(" "),
        severityReason: "Low: reachable from the host itself only (loopback).",
        confidence: "high" as const,
        reproduce: [ssCommand(input.facts, l.proto, l.port), ...(check ? [check] : [])].join("\n"),
        evidence: [...new Set([...l.evidence, ...(known?.evidence ?? []), ...(probe?.evidence ?? [])])],
        proto: l.proto,
        port: l.port,
        address: l.address,
        // Not the borrowed exe: the finding's identity must not change when the process stops
        // exposing its other socket.
        executable: null,
      };
    }),
};

