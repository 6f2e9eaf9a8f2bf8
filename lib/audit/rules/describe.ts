// Sentences the rules share, so every finding describes an owner and a probe the same way.
import type { TProbe } from "../classification-types";
import type { TEndpoint } from "./endpoints";
import { argvOf, describeProcess, probeAnswered } from "./identify-service";

export type TProbeState = "answered" | "unavailable" | "failed" | "none";

export function probeState(probe: TProbe | null): TProbeState {
  if (!probe) return "none";
  if (probe.via === "unavailable") return "unavailable";
  return probeAnswered(probe) ? "answered" : "failed";
}

export function ownerSentence(e: TEndpoint): string {
  const o = e.owner;
  const c = e.container;
  const published = o?.publishedBy ? ` It is docker-proxy for container ${o.publishedBy.name} (image ${o.publishedBy.image}).` : "";
  if (!o) {
    return c ? `No host process listens; container ${c.names[0] ?? c.id.slice(0, 12)} (image ${c.image}) publishes the port.` : "The owning process is unknown.";
  }
  if (o.pid === null && !o.exe) {
    return `The owning process is not visible: ${o.hidden.join("; ") || "ss printed no process for this socket"}.`;
  }
  const argv = argvOf(o);
  const parts = [`Owner: ${describeProcess(o)}`];
  if (argv.length > 0) parts.push(`command line \`${argv.join(" ").slice(0, 300)}\``);
  if (o.cwd) parts.push(`working directory ${o.cwd}`);
  if (o.startedAt) parts.push(`started ${o.startedAt}`);
  const hidden = o.hidden.length > 0 ? ` Not visible: ${o.hidden.join("; ")}.` : "";
  return `${parts.join(", ")}.${published}${hidden}`;
}

function authWords(p: TProbe): string {
  if (p.authRequired === true) return "it asked for credentials";
  if (p.authRequired === false) return "it answered without any credentials";
  return "whether it needs credentials could not be told";
}

export function probeSentence(e: { probe: TProbe | null; address: string; port: number }): string {
  const p = e.probe;
  switch (probeState(p)) {
    case "none":
      return "No probe result for this port: the protocol, TLS and authentication come from discovery only.";
    case "unavailable":
      return "Not probed: the host refused SSH port forwarding, so this comes from discovery only.";
    case "failed":
      return `The probe got no usable answer (${p!.error ?? "no reply"}), so this comes from discovery only.`;
  }
  const a = p!;
  const tls = a.tls ? `TLS (${[a.tls.protocol, a.tls.selfSigned ? "self-signed certificate" : null, a.tls.validTo ? `valid to ${a.tls.validTo}` : null].filter(Boolean).join(", ") || "handshake completed"})` : "no TLS";
  const http = a.http ? `; GET / answered ${a.http.status ?? "nothing"}${a.http.server ? ` (Server: ${a.http.server})` : ""}` : "";
  const banner = !a.http && a.banner ? `; greeting "${a.banner.slice(0, 80)}"` : "";
  return `Probed from the host through SSH port forwarding: ${a.protocol === "unknown" ? "an unrecognised protocol" : a.protocol}, ${tls}, ${authWords(a)}${http}${banner}.`;
}
