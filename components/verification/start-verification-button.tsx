import { InlineAction } from "@/components/inline-action";
import { startVerificationRunAction } from "@/app/(app)/engagements/verification-drift-actions";

// Starts a verification run over the hosts of applied (or just rolled-back) hardening steps.
export function StartVerificationButton({ engagementId }: { engagementId: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <InlineAction action={startVerificationRunAction.bind(null, engagementId)} label="Start verification run" />
      <span className="text-xs text-slate-500">Re-reads the hosts of applied steps with independent commands; only its result verifies a step and resolves its finding.</span>
    </span>
  );
}
