import type { THostFacts, TListenerOwner } from "../facts";
import type { THardeningFinding } from "./types";

const unbracket = (a: string) => a.replace(/^\[|\]$/g, "");

// The forensics record of the finding's socket: same proto and port, and the
// same address when the finding names one.
export function ownerOf(finding: THardeningFinding, facts: THostFacts): TListenerOwner | null {
  const onPort = facts.owners.filter((o) => o.proto === finding.proto && o.port === finding.port);
  if (finding.address) {
    const exact = onPort.find((o) => unbracket(o.address) === unbracket(finding.address!));
    if (exact) return exact;
  }
  return onPort[0] ?? null;
}

// Every non-loopback address the same program listens on for this port (a
// dual-stack service has one socket for 0.0.0.0 and one for ::).
export function addressesOnPort(finding: THardeningFinding, facts: THostFacts): string[] {
  return facts.listeners.filter((l) => l.proto === finding.proto && l.port === finding.port && l.bindScope !== "loopback").map((l) => l.address);
}

export function programName(owner: TListenerOwner): string {
  return owner.processName ?? owner.exe?.split("/").pop() ?? "unknown";
}
