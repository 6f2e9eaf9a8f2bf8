import type { TReportSeverity } from "./report-model";
import { formatDate, plural, SEVERITIES, SEVERITY_WORD } from "./words";

// The executive summary in plain words, written from the numbers so it always
// agrees with the tables behind it. The consultant's own summary (optional)
// is printed above it, not mixed into it.

export type TSummaryFacts = {
  clientName: string;
  hosts: number;
  internetHosts: number;
  firstAuditAt: string | null;
  lastAuditAt: string | null;
  total: Record<TReportSeverity, number>;
  open: Record<TReportSeverity, number>;
  resolved: number;
  acceptedRisks: number;
  falsePositives: number;
  hardeningVerified: number;
  hardeningPending: number;
  driftOpen: number;
  topRisk: { title: string; hostLabel: string } | null;
};

const sum = (counts: Record<TReportSeverity, number>) => SEVERITIES.reduce((n, s) => n + counts[s], 0);

function countsInWords(counts: Record<TReportSeverity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s].toLocaleString("en-GB")} ${SEVERITY_WORD[s].toLowerCase()}`);
  if (parts.length <= 1) return parts[0] ?? "none";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export function executiveParagraphs(f: TSummaryFacts): string[] {
  const out: string[] = [];
  const when =
    f.firstAuditAt && f.lastAuditAt
      ? f.firstAuditAt.slice(0, 10) === f.lastAuditAt.slice(0, 10)
        ? ` on ${formatDate(f.lastAuditAt)}`
        : ` between ${formatDate(f.firstAuditAt)} and ${formatDate(f.lastAuditAt)}`
      : "";
  const internet = f.internetHosts > 0 ? `, ${f.internetHosts.toLocaleString("en-GB")} of them reachable from the internet` : "";
  out.push(
    `We audited ${plural(f.hosts, "host")} for ${f.clientName}${internet}${when}. For every service that accepts network connections we identified the program behind it, checked whether it asks for credentials and encrypts its traffic, and recorded the raw command output each conclusion rests on.`,
  );

  const total = sum(f.total);
  const open = sum(f.open);
  if (total === 0) {
    out.push("The audit raised no findings: every listening service was either bound to the local machine or documented and protected.");
  } else {
    out.push(
      `The audit raised ${plural(total, "finding")} (${countsInWords(f.total)}). ${open === 0 ? "None of them still needs action." : `${plural(open, "finding")} still ${open === 1 ? "needs" : "need"} action: ${countsInWords(f.open)}.`}`,
    );
  }

  const urgent = f.open.CRITICAL + f.open.HIGH;
  if (urgent > 0 && f.topRisk) {
    out.push(
      `The most serious open issue is “${f.topRisk.title}” on ${f.topRisk.hostLabel}. Critical findings are services an attacker on the network can use without any credentials; we recommend fixing ${urgent === 1 ? "it" : `the ${urgent.toLocaleString("en-GB")} critical and high findings`} before anything else, starting with binding those services to localhost.`,
    );
  } else if (total > 0) {
    out.push("No critical or high-severity issue remains open.");
  }

  const progress: string[] = [];
  if (f.resolved > 0) progress.push(`${plural(f.resolved, "finding")} ${f.resolved === 1 ? "was" : "were"} resolved and confirmed gone by a later audit`);
  if (f.hardeningVerified > 0) progress.push(`${plural(f.hardeningVerified, "hardening step")} ${f.hardeningVerified === 1 ? "was" : "were"} applied and verified`);
  if (f.hardeningPending > 0) progress.push(`${plural(f.hardeningPending, "hardening step")} ${f.hardeningPending === 1 ? "is" : "are"} proposed or approved but not yet verified`);
  if (f.acceptedRisks > 0) progress.push(`${plural(f.acceptedRisks, "risk")} ${f.acceptedRisks === 1 ? "was" : "were"} formally accepted by a reviewer, with an expiry date`);
  if (f.falsePositives > 0) progress.push(`${plural(f.falsePositives, "finding")} ${f.falsePositives === 1 ? "was" : "were"} judged a false positive after review`);
  if (progress.length > 0) out.push(`${progress.join("; ")}.`.replace(/^./, (c) => c.toUpperCase()));

  if (f.driftOpen > 0) {
    out.push(`Since the approved baseline, ${plural(f.driftOpen, "change")} to the hosts' services ${f.driftOpen === 1 ? "has" : "have"} appeared that nobody has reviewed yet; they are listed under “Drift since the baseline”.`);
  }
  return out;
}
