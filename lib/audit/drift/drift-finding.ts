// A drift item a person promotes to a finding: the rule id, severity and reason in words.
// Pure: no Next, no Prisma. The severity follows the rubric with what drift alone tells: a
// port reachable from other machines that nobody approved is High until triage says what
// it is (probes, which would say more, are not part of a drift item); a new way to run code
// on a schedule or at boot is Medium; anything gone or on loopback only is Low.
import { createHash } from "node:crypto";
import type { TFindingDraft, TSeverity } from "../classification-types";
import type { TDriftChange } from "./diff";
import type { TInventoryItem, TInventoryKind } from "./inventory";
import { isLoopbackSocket } from "./step-diff";

// `reproduce` and `evidence`: the commands of the drift item's evidence and their keys.
export type TDriftFindingInput = { hostId: string; kind: TInventoryKind; change: TDriftChange; key: string; summary: string; item: Pick<TInventoryItem, "facts"> | null; reproduce: string; evidence: string[] };

// A finding draft like a rule's, plus its fingerprint: a drift item's identity is its key.
export type TDriftFindingDraft = TFindingDraft & { fingerprint: string };

const LISTENER_KEY = /^(tcp|udp) (?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})(?: #\d+)?$/;
const NOUN: Record<TInventoryKind, string> = { LISTENER: "listener", SERVICE: "service", CONTAINER: "container", CRON_JOB: "cron job", TIMER: "timer" };
const VERB: Record<TDriftChange, string> = { NEW: "New", GONE: "Gone", CHANGED: "Changed" };

export function driftFindingDraft(d: TDriftFindingInput): TDriftFindingDraft {
  const m = d.kind === "LISTENER" ? LISTENER_KEY.exec(d.key) : null;
  const socket = m ? { proto: m[1] as "tcp" | "udp", address: (m[2] ?? m[3])!, port: Number(m[4]) } : null;
  const exposed = socket !== null && !isLoopbackSocket(socket);
  let severity: TSeverity;
  let severityReason: string;
  if (d.change === "GONE") {
    severity = "LOW";
    severityReason = "something approved in the baseline is no longer there: worth knowing, nothing new is exposed";
  } else if (d.kind === "LISTENER" && exposed) {
    severity = "HIGH";
    severityReason = `a port reachable from other machines (${socket!.address}) that the approved baseline does not have; what answers on it, and with what authentication, is not known from drift alone`;
  } else if (d.kind === "LISTENER") {
    severity = "LOW";
    severityReason = "bound to loopback only: not reachable from other machines";
  } else {
    severity = "MEDIUM";
    severityReason = `a ${NOUN[d.kind]} the approved baseline does not have${d.change === "CHANGED" ? " in this form" : ""}: code that runs on this host without having been reviewed`;
  }
  const ruleId = `drift.${d.change.toLowerCase()}-${NOUN[d.kind].replace(" ", "-")}`;
  return {
    ruleId,
    fingerprint: createHash("sha256").update(JSON.stringify([d.hostId, ruleId, d.key])).digest("hex"),
    title: `${VERB[d.change]} ${NOUN[d.kind]} since the baseline: ${d.summary}`,
    severity,
    why: `The host's approved baseline ${d.change === "NEW" ? "does not have" : d.change === "GONE" ? "had" : "had a different"} ${d.summary}; a later run ${d.change === "GONE" ? "no longer lists it" : "lists it as shown in the evidence"}. Promoted from drift by a person.`,
    severityReason,
    // The difference itself is certain (it is in the evidence); the severity is the guess.
    confidence: "high",
    reproduce: d.reproduce,
    evidence: d.evidence,
    proto: socket?.proto ?? null,
    port: socket?.port ?? null,
    address: socket?.address ?? null,
    executable: d.item?.facts.exe ?? null,
  };
}
