import { redact } from "@/lib/audit/redact";
import type { TEvidenceRef } from "./report-model";

// Numbers the evidence the report cites (E-0001 ...) in the order the report
// first cites it, and redacts each row's output once (not once per finding
// that cites it).

export type TEvidenceRow = {
  hostRunId: string;
  key: string;
  phase: string;
  command: string;
  stdout: string;
  exitCode: number | null;
  startedAt: Date;
  sha256: string;
  redacted: boolean;
  truncated: boolean;
  hostRun: { host: { label: string } };
};

export type TCitedEvidence = { ref: TEvidenceRef; stdout: string };

export const runKey = (hostRunId: string, key: string) => `${hostRunId}\u0000${key}`;

export function evidenceRefs(rows: TEvidenceRow[], citations: { hostRunId: string; keys: string[] }[]) {
  const rowByRunKey = new Map(rows.map((r) => [runKey(r.hostRunId, r.key), r]));
  const byRunKey = new Map<string, TCitedEvidence>();
  const list: TEvidenceRef[] = [];
  for (const c of citations) {
    for (const key of c.keys) {
      const k = runKey(c.hostRunId, key);
      const row = rowByRunKey.get(k);
      if (!row || byRunKey.has(k)) continue;
      const ref: TEvidenceRef = {
        ref: `E-${String(list.length + 1).padStart(4, "0")}`,
        hostLabel: row.hostRun.host.label,
        key: row.key,
        phase: row.phase,
        command: redact(row.command).text,
        collectedAt: row.startedAt.toISOString(),
        exitCode: row.exitCode,
        sha256: row.sha256,
        bytes: Buffer.byteLength(row.stdout),
        redacted: row.redacted,
        truncated: row.truncated,
      };
      list.push(ref);
      byRunKey.set(k, { ref, stdout: redact(row.stdout).text });
    }
  }
  return { list, byRunKey };
}
