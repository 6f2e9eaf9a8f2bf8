import type { THardeningItem } from "./report-model";

// Hardening steps as the report shows them: what was there before, the exact
// commands, what should be true after, how it was checked and how to undo it,
// with who proposed, approved and applied it.

type TPerson = { name: string; email: string };
type TEvent = { at: Date; kind: string; toStatus: string | null; comment: string; actor: TPerson | null };

export type THardeningRow = {
  id: string;
  title: string;
  findingId: string;
  strategy: THardeningItem["strategy"];
  status: THardeningItem["status"];
  rationale: string;
  commands: string[];
  expectedAfter: string;
  verifyCommands: string[];
  rollbackCommands: string[];
  files: unknown;
  appliedBy: string | null;
  appliedAt: Date | null;
  host: { label: string };
  finding: { title: string; why: string };
  proposedBy: TPerson;
  approvedBy: TPerson | null;
  appliedByUser: TPerson | null;
  events: TEvent[];
};

function filesOf(files: unknown, clean: (t: string) => string): THardeningItem["files"] {
  if (!Array.isArray(files)) return [];
  return files.flatMap((f: unknown) => {
    const file = f as { path?: unknown; before?: unknown };
    if (typeof file?.path !== "string") return [];
    // A configuration file's old content may hold a password: redact it like evidence.
    return [{ path: file.path, before: typeof file.before === "string" ? clean(file.before) : null }];
  });
}

function appliedByOf(row: THardeningRow): string | null {
  if (!row.appliedAt) return null;
  const who = row.appliedByUser?.name ?? "a former user";
  return row.appliedBy === "PALISADE" ? `Palisade over SSH, started by ${who}` : `${who}, by hand`;
}

function verificationOf(events: TEvent[]): string | null {
  const judged = [...events].reverse().find((e) => e.toStatus === "VERIFIED" || e.toStatus === "ROLLED_BACK" || (e.toStatus === "FAILED" && e.kind !== "proposed"));
  if (!judged) return null;
  const verdict = judged.toStatus === "VERIFIED" ? "Verified" : judged.toStatus === "ROLLED_BACK" ? "Rolled back" : "Failed";
  return judged.comment ? `${verdict}: ${judged.comment}` : verdict;
}

export function hardeningItems(rows: THardeningRow[], findingRef: Map<string, string>, clean: (t: string) => string): THardeningItem[] {
  return rows.map((row) => ({
    id: row.id,
    title: clean(row.title),
    hostLabel: row.host.label,
    findingRef: findingRef.get(row.findingId) ?? null,
    findingTitle: clean(row.finding.title),
    strategy: row.strategy,
    status: row.status,
    rationale: clean(row.rationale),
    before: clean(row.finding.why),
    expectedAfter: clean(row.expectedAfter),
    commands: row.commands.map(clean),
    verifyCommands: row.verifyCommands.map(clean),
    rollbackCommands: row.rollbackCommands.map(clean),
    files: filesOf(row.files, clean),
    proposedBy: row.proposedBy.name,
    approvedBy: row.approvedBy?.name ?? null,
    approvedAt: [...row.events].reverse().find((e) => e.kind === "approved")?.at.toISOString() ?? null,
    appliedBy: appliedByOf(row),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    verification: verificationOf(row.events) ? clean(verificationOf(row.events)!) : null,
  }));
}
