import { driftFindingDraft } from "@/lib/audit/drift/drift-finding";
import type { TInventoryItem } from "@/lib/audit/drift/inventory";
import { findingContent } from "../findings/finding-content";
import { writeAudit } from "@/lib/server/audit-log";
import type { TActor } from "../actor";
import { inTransaction } from "../transaction";
import { loadOpenDriftItem } from "./load-drift-item";

// A person makes a drift item a finding (NEW, for triage like any other), with the rule,
// severity and reason from the engine and the item's evidence. The same difference promoted
// again (from a later run) is the same finding.
export async function promoteDriftItem({ actor, driftItemId }: { actor: TActor; driftItemId: string }) {
  return inTransaction(async (tx) => {
    const item = await loadOpenDriftItem(tx, actor, driftItemId, "drift.promote");
    const hostRun = await tx.hostRun.findUniqueOrThrow({ where: { id: item.hostRunId }, select: { runId: true, finishedAt: true, evidence: { where: { key: { in: item.evidenceKeys } }, select: { command: true } } } });
    const shown = (item.after ?? item.before) as TInventoryItem | null;
    const d = driftFindingDraft({ hostId: item.hostId, kind: item.kind, change: item.change, key: item.key, summary: item.summary, item: shown, reproduce: hostRun.evidence.map((e) => e.command).join("\n"), evidence: item.evidenceKeys });
    const at = new Date();
    const { fingerprint, ...draft } = d;
    const content = findingContent(draft, { hostLabel: item.host.label, runId: hostRun.runId, hostRunId: item.hostRunId, at: hostRun.finishedAt ?? at });
    const existing = await tx.finding.findUnique({ where: { engagementId_fingerprint: { engagementId: item.engagementId, fingerprint } }, select: { id: true } });
    const finding = existing ?? (await tx.finding.create({ data: { engagementId: item.engagementId, hostId: item.hostId, fingerprint, firstRunId: hostRun.runId, ...content } }));
    if (!existing) await tx.findingEvent.create({ data: { findingId: finding.id, actorId: actor.id, at, kind: "seen", toStatus: "NEW", comment: `Promoted from drift: ${item.summary}`, runId: hostRun.runId } });
    await tx.driftItem.update({ where: { id: item.id }, data: { status: "PROMOTED", decidedById: actor.id, decidedAt: at, findingId: finding.id } });
    await writeAudit(tx, { actorId: actor.id, action: "drift.promote", target: `drift-item:${item.id}`, details: { findingId: finding.id, ruleId: d.ruleId, severity: d.severity } });
    return { findingId: finding.id };
  });
}
