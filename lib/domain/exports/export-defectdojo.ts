import { db } from "@/lib/server/db";
import type { TActor } from "../actor";
import { toDefectDojoFinding } from "./defectdojo-finding";
import type { TDefectDojoImport } from "./defectdojo-format";
import { exportFilename, openExport, recordExport } from "./export-access";
import { loadExportFindings } from "./load-export-findings";

// The engagement's findings as DefectDojo's "Generic Findings Import" JSON,
// so teams already on DefectDojo can import (and re-import) them.
export async function exportDefectDojo({ actor, engagementId }: { actor: TActor; engagementId: string }) {
  const { engagement, client } = await openExport(actor, engagementId);
  const findings = await loadExportFindings(engagementId);
  const evidence = await db().evidence.findMany({
    where: { hostRunId: { in: [...new Set(findings.flatMap((f) => (f.lastHostRunId ? [f.lastHostRunId] : [])))] } },
    select: { hostRunId: true, key: true, command: true, sha256: true },
  });
  const byRunAndKey = new Map(evidence.map((e) => [`${e.hostRunId}|${e.key}`, e]));
  const document: TDefectDojoImport = {
    name: `Palisade: ${client.name} / ${engagement.name}`,
    description: `Exported from Palisade on ${new Date().toISOString()}.`,
    dynamic_tool: true,
    static_tool: false,
    findings: findings.map((f) => toDefectDojoFinding(f, f.evidenceKeys.flatMap((key) => byRunAndKey.get(`${f.lastHostRunId}|${key}`) ?? []))),
  };
  await recordExport(actor, engagementId, "defectdojo", { findings: findings.length });
  return { document, filename: exportFilename(engagement.name, "defectdojo-generic-findings.json") };
}
