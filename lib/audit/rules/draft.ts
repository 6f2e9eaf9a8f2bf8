// Assembles a finding draft about one exposed endpoint: the rule's own words and severity, the
// shared adjustments (exposure, bind address, firewall), the evidence behind every fact used
// and the commands that show it again.
import type { TClassificationInput, TFindingDraft, TSeverity } from "../classification-types";
import { adjustSeverity } from "./adjust-severity";
import { ownerSentence, probeSentence } from "./describe";
import { bindWords, socketLabel, type TEndpoint } from "./endpoints";
import { firewallCommand, ownerCommands, protocolCheck, ssCommand } from "./reproduce";

export type TConfidence = TFindingDraft["confidence"];

export type TEndpointFinding = {
  ruleId: string;
  title: string;
  // Severity on an open network, and why, before exposure and firewall.
  base: TSeverity;
  baseReason: string;
  // The facts, in words.
  why: string[];
  confidence: TConfidence;
  confidenceReason: string;
  // Extra commands and evidence beyond the socket, owner, probe and firewall.
  reproduce?: string[];
  evidence?: string[];
  // Leave out the owner/probe sentences (when the rule words them itself).
  omitProbe?: boolean;
};

const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))];

export function endpointDraft(input: TClassificationInput, e: TEndpoint, f: TEndpointFinding): TFindingDraft {
  const adjusted = adjustSeverity(f.base, input, input.facts.firewalls, {
    proto: e.proto,
    port: e.port,
    address: e.address,
    family: e.family,
    bindScope: e.bindScope,
    throughNat: e.listener === null || e.owner?.publishedBy != null,
  });
  const tls = !!e.probe?.tls;
  const check = protocolCheck(e.identity.kind, e.proto, e.address, e.port, { tls });
  const firewallTools = adjusted.firewall.kind === "none" ? [] : [...new Set(input.facts.firewalls.filter((fw) => fw.active).map((fw) => fw.tool))];
  const reproduce = uniq([
    e.listener ? ssCommand(input.facts, e.proto, e.port) : `docker ps --filter 'publish=${e.port}/${e.proto}'`,
    ...ownerCommands(input.facts, e.owner),
    ...(check ? [check] : []),
    ...(f.reproduce ?? []),
    ...firewallTools.map((t) => firewallCommand(input.facts, t)),
  ]);
  const why = [
    ...f.why,
    `The socket is ${socketLabel(e)}, ${bindWords(e)}.`,
    ownerSentence(e),
    ...(f.omitProbe ? [] : [probeSentence(e)]),
    `Confidence ${f.confidence}: ${f.confidenceReason}`,
  ];
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: adjusted.severity,
    why: why.join(" "),
    severityReason: [f.baseReason, ...adjusted.adjustments].map((s) => s.replace(/\.?$/, ".")).join(" "),
    confidence: f.confidence,
    reproduce: reproduce.join("\n"),
    evidence: uniq([...(e.listener?.evidence ?? []), ...(e.owner?.evidence ?? []), ...(e.container?.evidence ?? []), ...(e.probe?.evidence ?? []), ...adjusted.evidence, ...(f.evidence ?? [])]),
    proto: e.proto,
    port: e.port,
    address: e.address,
    executable: e.owner?.exe ?? null,
  };
}
