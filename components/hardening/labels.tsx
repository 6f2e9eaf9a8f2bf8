import type { HardeningStatus, HardeningStrategy } from "@/lib/generated/prisma/enums";
import { Badge, type TTone } from "@/components/ui/badge";

const tones: Record<HardeningStatus, TTone> = { PROPOSED: "sky", APPROVED: "violet", REJECTED: "slate", APPLIED: "amber", VERIFIED: "emerald", FAILED: "red", ROLLED_BACK: "slate" };
export const hardeningStatusLabel = (s: HardeningStatus) => s.toLowerCase().replace(/_/g, " ");
export const strategyLabel: Record<HardeningStrategy, string> = { BIND_LOCALHOST: "bind to localhost", FIREWALL_DENY: "firewall deny", REVERSE_PROXY: "reverse proxy" };

export function HardeningStatusBadge({ status }: { status: HardeningStatus }) {
  return <Badge tone={tones[status]}>{hardeningStatusLabel(status)}</Badge>;
}
