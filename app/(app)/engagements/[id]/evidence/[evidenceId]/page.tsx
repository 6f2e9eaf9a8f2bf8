import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { reproduceCommand } from "@/lib/audit/reproduce-command";
import { getEvidence } from "@/lib/domain/evidence/get-evidence";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { Badge } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Evidence" };

// Host output is untrusted: it is only ever rendered as text in <pre>.
function Output({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium text-slate-700">{label}</h3>
      <pre data-testid={`evidence-${label.toLowerCase()}`} className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100">{text || "(empty)"}</pre>
    </div>
  );
}

export default async function EvidencePage({ params }: { params: Promise<{ id: string; evidenceId: string }> }) {
  const actor = await requireActor();
  const { id, evidenceId } = await params;
  const evidence = await orNotFound(getEvidence({ actor, evidenceId }));
  const host = evidence.hostRun.host;
  if (host.engagementId !== id) notFound();
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Evidence: ${evidence.key}`}
        subtitle={<Link href={`/engagements/${id}/hosts/${host.id}`} className="text-sky-700 hover:underline">{host.label}</Link>}
      />
      <Section title="Command">
        <pre className="whitespace-pre-wrap break-all font-mono text-sm">{evidence.command}</pre>
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div><dt className="text-slate-500">Exit code</dt><dd data-testid="evidence-exit">{evidence.exitCode ?? "none (stopped)"}</dd></div>
          <div><dt className="text-slate-500">Outcome</dt><dd>{evidence.outcome.replace(/-/g, " ")}</dd></div>
          <div><dt className="text-slate-500">Ran at</dt><dd>{evidence.startedAt.toISOString().replace("T", " ").slice(0, 23)} UTC</dd></div>
          <div><dt className="text-slate-500">Took</dt><dd>{evidence.durationMs} ms</dd></div>
        </dl>
        <p className="mt-4 text-sm text-slate-500">SHA-256 of the output as received: <code className="break-all text-xs text-slate-800">{evidence.sha256}</code></p>
        <div className="mt-2 flex gap-2">
          {evidence.redacted && <Badge tone="amber">secrets redacted in what is shown</Badge>}
          {evidence.truncated && <Badge tone="amber">output truncated</Badge>}
        </div>
        <p className="mt-4 text-sm text-slate-700">Re-run it yourself:</p>
        <pre className="mt-1 whitespace-pre-wrap break-all rounded-md bg-slate-100 p-2 font-mono text-xs">{reproduceCommand(host, evidence.command)}</pre>
      </Section>
      <Section title="Output">
        <div className="space-y-4">
          <Output label="stdout" text={evidence.stdout} />
          <Output label="stderr" text={evidence.stderr} />
        </div>
      </Section>
    </div>
  );
}
