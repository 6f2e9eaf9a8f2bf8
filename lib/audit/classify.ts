// Phase 3: facts (and probe answers) in, finding drafts out. Runs every rule, then folds the
// drafts that describe the same thing (one rule, one socket, one executable: the IPv4 and IPv6
// sockets of one server) into one, keeping the highest severity and all the evidence.
import { createHash } from "node:crypto";
import type { TClassificationInput, TFindingDraft } from "./classification-types";
import { severityRank } from "./rules/adjust-severity";
import { RULES } from "./rules";

const dedupKey = (d: Pick<TFindingDraft, "ruleId" | "proto" | "port" | "executable">) => JSON.stringify([d.ruleId, d.proto, d.port, d.executable]);

function merge(kept: TFindingDraft, other: TFindingDraft): TFindingDraft {
  const [hi, lo] = severityRank(other.severity) > severityRank(kept.severity) ? [other, kept] : [kept, other];
  const also = lo.address && lo.address !== hi.address && !hi.why.includes(`Also on ${lo.address}`) ? ` Also on ${lo.address.includes(":") ? `[${lo.address}]` : lo.address}:${lo.port} (${lo.severity} there).` : "";
  return { ...hi, why: hi.why + also, evidence: [...new Set([...hi.evidence, ...lo.evidence])] };
}

export function classify(input: TClassificationInput): TFindingDraft[] {
  const byKey = new Map<string, TFindingDraft>();
  for (const rule of RULES) {
    let drafts: TFindingDraft[];
    try {
      drafts = rule.classify(input);
    } catch (err) {
      // One broken rule must not cost the host its other findings; the failure is a finding a
      // reviewer sees rather than a silent gap.
      drafts = [ruleFailure(rule.id, err)];
    }
    for (const d of drafts) {
      const key = dedupKey(d);
      const seen = byKey.get(key);
      byKey.set(key, seen ? merge(seen, d) : d);
    }
  }
  return [...byKey.values()];
}

function ruleFailure(ruleId: string, err: unknown): TFindingDraft {
  return {
    ruleId,
    title: `Rule ${ruleId} could not classify this host`,
    severity: "MEDIUM",
    why: `The rule failed on this host's facts (${String(err).slice(0, 300)}); the listeners it covers were not rated by it. Review them by hand.`,
    severityReason: "Medium: a gap in the classification must be looked at, not hidden.",
    confidence: "low",
    reproduce: "ss -H -tulnp",
    evidence: [],
    proto: null,
    port: null,
    address: null,
    executable: null,
  };
}

// Identity of a finding across runs: the same rule on the same socket and executable of the
// same host is the same finding, whatever its severity or wording this time.
export function findingFingerprint(hostId: string, d: Pick<TFindingDraft, "ruleId" | "proto" | "port" | "executable">): string {
  return createHash("sha256")
    .update(JSON.stringify([hostId, d.ruleId, d.proto ?? "", d.port ?? "", d.executable ?? ""]))
    .digest("hex");
}
