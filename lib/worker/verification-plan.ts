import type { TVerifyPlan } from "@/lib/audit/verification/verify-host";
import { stepsToVerify } from "@/lib/domain/hardening/record-verification";
import { db } from "@/lib/server/db";

// What a verification host run sends besides discovery: each applied step's own verify
// commands (approved with the step; a rolled-back step's checks would only say it is undone,
// which the inventory comparison shows), and the TCP ports to try from outside, for every
// step judged.
export async function verificationPlan(hostId: string): Promise<TVerifyPlan> {
  const steps = await stepsToVerify(db(), hostId);
  return {
    steps: steps.filter((s) => s.status === "APPLIED").map((s) => ({ id: s.id, verifyCommands: s.verifyCommands })),
    tcpPorts: [...new Set(steps.flatMap((s) => (s.finding.proto === "tcp" && s.finding.port !== null ? [s.finding.port] : [])))],
  };
}
