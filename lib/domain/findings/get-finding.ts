import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { assertCan } from "@/lib/server/permissions";
import type { TActor } from "../actor";
import { engagementScope } from "../scope";
import { personTargets } from "./transitions";

// One finding with what the detail drawer shows: the why, the raw evidence
// it rests on, the command to reproduce it, and its history.
export async function getFinding({ actor, findingId }: { actor: TActor; findingId: string }) {
  const finding = await db().finding.findFirst({
    where: { id: findingId, engagement: engagementScope(actor) },
    include: {
      host: { select: { id: true, label: true, address: true, port: true, username: true, exposure: true } },
      events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } },
      acceptanceRequestedBy: { select: { id: true, name: true } },
      acceptanceApprovedBy: { select: { id: true, name: true } },
    },
  });
  if (!finding) throw notFound("Finding not found");
  assertCan(actor, "finding.read");
  const evidence = finding.lastHostRunId
    ? await db().evidence.findMany({ where: { hostRunId: finding.lastHostRunId, key: { in: finding.evidenceKeys } }, orderBy: { startedAt: "asc" }, select: { id: true, key: true, command: true, stdout: true, stderr: true, exitCode: true, sha256: true, startedAt: true, redacted: true, truncated: true } })
    : [];
  return { finding, evidence, nextStatuses: personTargets(finding.status) };
}

export type TFindingDetail = Awaited<ReturnType<typeof getFinding>>;
