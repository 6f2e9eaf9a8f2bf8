// Drift: what differs between two inventories (a baseline and a later run, or a run before a
// hardening step and the verification run after it). Pure: no Next, no Prisma.
import type { TInventoryItem, TInventoryKind } from "./inventory";

export type TDriftChange = "NEW" | "GONE" | "CHANGED";

export type TDriftEntry = {
  kind: TInventoryKind;
  change: TDriftChange;
  key: string;
  summary: string;
  // The item as it was (null when NEW) and as it is (null when GONE).
  before: TInventoryItem | null;
  after: TInventoryItem | null;
  // For CHANGED: which facts moved, "exe: /usr/bin/a -> /usr/bin/b".
  changes: string[];
  // Evidence that shows the difference: the later run's output for NEW and CHANGED; for GONE
  // the commands that listed the item before, in the later run when it is known (their
  // output there is where its absence shows), else in the earlier run.
  evidence: { hostRunId: string; keys: string[] };
};

const KIND_ORDER: TInventoryKind[] = ["LISTENER", "SERVICE", "CONTAINER", "CRON_JOB", "TIMER"];
const id = (i: { kind: string; key: string }) => `${i.kind}\u0000${i.key}`;

// A fact unknown on one side (an owner hidden without root) is not a change: only two known
// values that differ are.
function changedFacts(before: TInventoryItem, after: TInventoryItem): string[] {
  const names = [...new Set([...Object.keys(before.facts), ...Object.keys(after.facts)])].sort();
  const out: string[] = [];
  for (const n of names) {
    const a = before.facts[n] ?? null;
    const b = after.facts[n] ?? null;
    if (a !== null && b !== null && a !== b) out.push(`${n}: ${a} -> ${b}`);
  }
  return out;
}

export function diffInventory(before: TInventoryItem[], after: TInventoryItem[], opts: { afterHostRunId?: string } = {}): TDriftEntry[] {
  const was = new Map(before.map((i) => [id(i), i]));
  const now = new Map(after.map((i) => [id(i), i]));
  const out: TDriftEntry[] = [];
  for (const a of after) {
    const b = was.get(id(a));
    if (!b) {
      out.push({ kind: a.kind, change: "NEW", key: a.key, summary: a.summary, before: null, after: a, changes: [], evidence: { hostRunId: a.hostRunId, keys: a.evidenceKeys } });
      continue;
    }
    const changes = changedFacts(b, a);
    if (changes.length) out.push({ kind: a.kind, change: "CHANGED", key: a.key, summary: a.summary, before: b, after: a, changes, evidence: { hostRunId: a.hostRunId, keys: a.evidenceKeys } });
  }
  for (const b of before) {
    if (!now.has(id(b))) out.push({ kind: b.kind, change: "GONE", key: b.key, summary: b.summary, before: b, after: null, changes: [], evidence: { hostRunId: opts.afterHostRunId ?? b.hostRunId, keys: b.evidenceKeys } });
  }
  return out.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || x.key.localeCompare(y.key) || x.change.localeCompare(y.change));
}

// A baseline with one drift entry taken into it: a NEW or CHANGED item as it is now, a GONE
// item removed. Used when a reviewer accepts a drift item.
export function applyDrift(baseline: TInventoryItem[], entry: Pick<TDriftEntry, "kind" | "key" | "change" | "after">): TInventoryItem[] {
  const rest = baseline.filter((i) => !(i.kind === entry.kind && i.key === entry.key));
  if (entry.change === "GONE" || !entry.after) return rest;
  return [...rest, entry.after];
}
