import { db } from "@/lib/server/db";

// The findings of an engagement as the CSV and DefectDojo exports describe
// them: with their host, who asked for and approved a risk acceptance, and
// the hardening steps proposed for them (the mitigation).
export function loadExportFindings(engagementId: string) {
  return db().finding.findMany({
    where: { engagementId },
    orderBy: [{ severityRank: "asc" }, { hostLabel: "asc" }, { title: "asc" }, { id: "asc" }],
    include: {
      host: { select: { label: true, address: true, exposure: true } },
      acceptanceRequestedBy: { select: { name: true } },
      acceptanceApprovedBy: { select: { name: true } },
      hardeningSteps: { where: { status: { not: "REJECTED" } }, orderBy: { createdAt: "asc" }, select: { title: true, strategy: true, status: true, commands: true, rollbackCommands: true } },
    },
  });
}

export type TExportFinding = Awaited<ReturnType<typeof loadExportFindings>>[number];
