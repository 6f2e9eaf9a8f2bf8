import type { TFindingDraft } from "@/lib/audit/classification-types";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import type { TTx } from "@/lib/server/db";
import { findingFingerprint } from "@/lib/audit/classify";
import { findingContent } from "@/lib/domain/findings/finding-content";
import { transitionFor } from "@/lib/domain/findings/transitions";

type THostRunContext = { engagementId: string; hostId: string; hostLabel: string; runId: string; hostRunId: string; at: Date };

// Turns one host's finding drafts into findings, deduplicated across runs by
// fingerprint: new ones are NEW, ones seen before are recurring (last seen
// moves), resolved ones that came back are REOPENED. Open ones this run no
// longer sees stay open with a "not-seen" event: a finding is RESOLVED only by
// a verification run that judged its hardening step (an audit that misses a
// port for a moment proves nothing). Runs inside the host result's transaction.
export async function recordFindings(tx: TTx, ctx: THostRunContext, drafts: TFindingDraft[]): Promise<void> {
  const byFingerprint = new Map(drafts.map((d) => [findingFingerprint(ctx.hostId, d), d]));
  const existing = await tx.finding.findMany({ where: { engagementId: ctx.engagementId, hostId: ctx.hostId }, select: { id: true, fingerprint: true, status: true } });
  const known = new Map(existing.map((f) => [f.fingerprint, f]));
  const systemEvent = (findingId: string, from: FindingStatus, to: FindingStatus, comment: string) => ({ findingId, at: ctx.at, kind: "reopened", fromStatus: from, toStatus: to, comment, runId: ctx.runId });

  const fresh = [...byFingerprint].filter(([fp]) => !known.has(fp));
  if (fresh.length) {
    const created = await tx.finding.createManyAndReturn({
      data: fresh.map(([fingerprint, d]) => ({ engagementId: ctx.engagementId, hostId: ctx.hostId, fingerprint, firstSeenAt: ctx.at, firstRunId: ctx.runId, ...findingContent(d, ctx) })),
      select: { id: true },
    });
    await tx.findingEvent.createMany({ data: created.map((f) => ({ findingId: f.id, at: ctx.at, kind: "seen", toStatus: "NEW" as const, comment: "Found by an audit run", runId: ctx.runId })) });
  }

  // The timeline records when an open finding goes unseen and when it is seen
  // again, not every run in between (an hourly schedule would add one a run).
  const unseenSince = await lastSeenStateIsNotSeen(tx, existing.map((f) => f.id));
  const events = [];
  for (const [fingerprint, d] of byFingerprint) {
    const f = known.get(fingerprint);
    if (!f) continue;
    const reopen = transitionFor(f.status, "REOPENED", "system");
    await tx.finding.update({ where: { id: f.id }, data: { ...findingContent(d, ctx), timesSeen: { increment: 1 }, ...(reopen ? { status: "REOPENED", resolvedAt: null } : {}) } });
    if (reopen) events.push(systemEvent(f.id, f.status, "REOPENED", "Seen again by an audit run"));
    else if (unseenSince.has(f.id)) events.push({ findingId: f.id, at: ctx.at, kind: "seen", comment: "Seen again by an audit run", runId: ctx.runId });
  }
  const unseen = existing.filter((f) => !byFingerprint.has(f.fingerprint) && !unseenSince.has(f.id) && transitionFor(f.status, "RESOLVED", "system"));
  events.push(...unseen.map((f) => ({ findingId: f.id, at: ctx.at, kind: "not-seen", comment: "Not seen by this audit run of the host; it stays open until a verification run shows its hardening step worked", runId: ctx.runId })));
  if (events.length) await tx.findingEvent.createMany({ data: events });
}

// The findings an audit run last reported as not seen: their latest event of
// seen, not-seen or reopened (seen again after it was resolved) is "not-seen".
async function lastSeenStateIsNotSeen(tx: TTx, findingIds: string[]): Promise<Set<string>> {
  if (!findingIds.length) return new Set();
  const rows = await tx.$queryRaw<{ findingId: string; kind: string }[]>`
    SELECT DISTINCT ON ("findingId") "findingId", kind FROM "FindingEvent"
    WHERE "findingId" = ANY(${findingIds}) AND kind IN ('seen', 'not-seen', 'reopened')
    ORDER BY "findingId", at DESC, id DESC`;
  return new Set(rows.filter((r) => r.kind === "not-seen").map((r) => r.findingId));
}
