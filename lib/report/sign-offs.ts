import type { TReportInput, TSignOff } from "./report-model";
import { DECISION_WORD, plural } from "./words";
import type { THardeningRow } from "./hardening-items";

// The sign-off page: who reviewed, who approved what, and when. Triage is
// summed per person (a 500-finding report cannot list 500 rows of "confirmed");
// approvals that carry responsibility are listed one by one: every risk
// acceptance, every hardening approval and application, every baseline.

type TPerson = { name: string; email: string };
type TFindingEvent = { findingId: string; at: Date; kind: string; toStatus: string | null; actor: TPerson | null };
type TAcceptance = { id: string; title: string; hostLabel: string; status: string };
type TBaseline = { approvedAt: Date; host: { label: string }; approvedBy: TPerson };

export function signOffs(opts: {
  input: TReportInput;
  events: TFindingEvent[];
  generatedAt: string;
  findings: TAcceptance[];
  steps: Pick<THardeningRow, "title" | "host" | "events" | "appliedAt" | "appliedByUser" | "appliedBy">[];
  baselines: TBaseline[];
}): TSignOff[] {
  const out: TSignOff[] = [];
  const titleOf = new Map(opts.findings.map((f) => [f.id, `${f.title} (${f.hostLabel})`]));

  // Triage per person: how many findings they decided, by decision.
  const triage = new Map<string, { person: TPerson; last: Date; byDecision: Map<string, Set<string>> }>();
  for (const e of opts.events) {
    if (e.kind !== "status" || !e.actor || !e.toStatus || e.toStatus === "ACCEPTED_RISK") continue;
    const entry = triage.get(e.actor.email) ?? { person: e.actor, last: e.at, byDecision: new Map() };
    entry.last = e.at;
    const set = entry.byDecision.get(e.toStatus) ?? new Set<string>();
    set.add(e.findingId);
    entry.byDecision.set(e.toStatus, set);
    triage.set(e.actor.email, entry);
  }
  for (const t of triage.values()) {
    const what = [...t.byDecision.entries()].map(([status, ids]) => `${(DECISION_WORD[status] ?? status.toLowerCase()).toLowerCase()}: ${plural(ids.size, "finding")}`).join("; ");
    out.push({ role: "Triaged findings", name: t.person.name, email: t.person.email, what: what.replace(/^./, (c) => c.toUpperCase()), at: t.last.toISOString() });
  }
  for (const e of opts.events) {
    if (e.kind === "status" && e.toStatus === "ACCEPTED_RISK" && e.actor) {
      out.push({ role: "Approved a risk acceptance", name: e.actor.name, email: e.actor.email, what: titleOf.get(e.findingId) ?? "a finding", at: e.at.toISOString() });
    }
  }
  for (const s of opts.steps) {
    const what = `${s.title} (${s.host.label})`;
    for (const e of s.events) {
      if (!e.actor) continue;
      if (e.kind === "approved") out.push({ role: "Approved a hardening step", name: e.actor.name, email: e.actor.email, what, at: e.at.toISOString() });
      if (e.kind === "rejected") out.push({ role: "Rejected a hardening step", name: e.actor.name, email: e.actor.email, what, at: e.at.toISOString() });
    }
    if (s.appliedAt && s.appliedByUser) {
      out.push({ role: s.appliedBy === "PALISADE" ? "Started a hardening execution" : "Applied a hardening step", name: s.appliedByUser.name, email: s.appliedByUser.email, what, at: s.appliedAt.toISOString() });
    }
  }
  // Baselines per person: an engagement of a thousand hosts has a thousand of them.
  const baselines = new Map<string, { person: TPerson; hosts: string[]; last: Date }>();
  for (const b of opts.baselines) {
    const entry = baselines.get(b.approvedBy.email) ?? { person: b.approvedBy, hosts: [], last: b.approvedAt };
    entry.hosts.push(b.host.label);
    entry.last = b.approvedAt;
    baselines.set(b.approvedBy.email, entry);
  }
  for (const b of baselines.values()) {
    const hosts = [...new Set(b.hosts)];
    const what = hosts.length <= 5 ? `Inventory of ${hosts.join(", ")}` : `Inventories of ${plural(hosts.length, "host")}`;
    out.push({ role: "Approved a baseline", name: b.person.name, email: b.person.email, what, at: b.last.toISOString() });
  }
  out.sort((a, b) => a.at.localeCompare(b.at));
  const { input } = opts;
  out.push({ role: "Drafted the report", name: input.draftedBy.name, email: input.draftedBy.email, what: `Version ${input.version}`, at: opts.generatedAt });
  if (input.publishedBy) {
    out.push({ role: "Reviewed and published the report", name: input.publishedBy.name, email: input.publishedBy.email, what: `Version ${input.version}`, at: input.publishedAt?.toISOString() ?? "" });
  }
  return out;
}
