import type { TAuditTarget } from "@/lib/audit/audit-types";
import type { THostState } from "./state";

// The lab's ground truth writes IPv6 the way ss prints it ("[::]"); facts carry it bare.
export const bareAddress = (address: string) => address.replace(/^\[(.*)\]$/, "$1");
export const isLoopbackAddress = (address: string) => address.startsWith("127.") || bareAddress(address) === "::1";

// A lab host as the audit engine's target: the lab's client key, its recorded host key pinned.
export const labAuditTarget = (h: THostState, privateKey: string): TAuditTarget => ({
  address: h.address,
  port: h.port,
  username: h.username,
  auth: { kind: "key", privateKey },
  pinnedFingerprint: h.hostKeyFingerprint,
});
