import { z } from "zod";

// The report as plain data: what buildReportModel reads from the database and
// renderReportPdf turns into pages. JSON all the way down (dates are ISO
// strings) so a published version can store it next to its PDF and render the
// same pages again. It never holds a credential secret: access is described by
// username, kind and public-key fingerprint only.

export const REPORT_MODEL_VERSION = 1;

const ZSeverity = z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
const ZFindingStatus = z.enum(["NEW", "CONFIRMED", "FALSE_POSITIVE", "ACCEPTANCE_REQUESTED", "ACCEPTED_RISK", "DUPLICATE", "RESOLVED", "REOPENED"]);
const ZIso = z.string(); // ISO 8601 timestamp
const ZPerson = z.object({ name: z.string(), email: z.string() });

// One evidence item the report cites, by a short reference (E-0001) the
// findings point at and the appendix lists with its sha256.
export const ZEvidenceRef = z.object({
  ref: z.string(),
  hostLabel: z.string(),
  key: z.string(),
  phase: z.string(),
  command: z.string(),
  collectedAt: ZIso,
  exitCode: z.number().int().nullable(),
  sha256: z.string(),
  bytes: z.number().int(),
  redacted: z.boolean(),
  truncated: z.boolean(),
});

export const ZReportFinding = z.object({
  ref: z.string(), // F-001, in report order
  id: z.string(),
  title: z.string(),
  severity: ZSeverity,
  status: ZFindingStatus,
  hostLabel: z.string(),
  hostAddress: z.string(),
  ruleId: z.string(),
  // CWE number of the rule's weakness; null for a state rather than a weakness (and in models stored before it).
  cwe: z.number().int().positive().nullable().default(null),
  why: z.string(),
  impact: z.string(),
  severityReason: z.string(),
  confidence: z.string(),
  reproduce: z.string(),
  endpoint: z.string().nullable(), // "tcp/6379 on 0.0.0.0"
  executable: z.string().nullable(),
  firstSeenAt: ZIso,
  lastSeenAt: ZIso,
  timesSeen: z.number().int(),
  // Excerpts of the stdout of the finding's evidence on its last host run.
  evidence: z.array(
    z.object({
      ref: z.string(),
      command: z.string(),
      excerpt: z.string(),
      shownLines: z.number().int(),
      totalLines: z.number().int(),
    }),
  ),
  // The latest human decision on the finding (status change or comment), if any.
  triage: z.object({ decision: z.string(), by: z.string(), at: ZIso, comment: z.string() }).nullable(),
});

export const ZHardeningItem = z.object({
  id: z.string(),
  title: z.string(),
  hostLabel: z.string(),
  findingRef: z.string().nullable(),
  findingTitle: z.string(),
  strategy: z.enum(["BIND_LOCALHOST", "FIREWALL_DENY", "REVERSE_PROXY"]),
  status: z.enum(["PROPOSED", "APPROVED", "REJECTED", "APPLIED", "VERIFIED", "FAILED", "ROLLED_BACK"]),
  rationale: z.string(),
  before: z.string(), // the finding's facts before the change
  expectedAfter: z.string(),
  commands: z.array(z.string()),
  verifyCommands: z.array(z.string()),
  rollbackCommands: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), before: z.string().nullable() })),
  proposedBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: ZIso.nullable(),
  appliedBy: z.string().nullable(), // a person's name, or "Palisade (started by X)"
  appliedAt: ZIso.nullable(),
  verification: z.string().nullable(), // what the verification run concluded
});

export const ZAcceptedRisk = z.object({
  findingRef: z.string(),
  title: z.string(),
  severity: ZSeverity,
  hostLabel: z.string(),
  justification: z.string(),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  expiresAt: ZIso.nullable(),
});

export const ZOpenItem = z.object({
  kind: z.enum(["finding", "hardening", "drift"]),
  ref: z.string(),
  title: z.string(),
  hostLabel: z.string(),
  severity: ZSeverity.nullable(),
  state: z.string(), // in words: "awaiting triage", "approved, not yet applied" ...
});

export const ZDriftItem = z.object({
  hostLabel: z.string(),
  kind: z.enum(["LISTENER", "SERVICE", "CONTAINER", "CRON_JOB", "TIMER"]),
  change: z.enum(["NEW", "GONE", "CHANGED"]),
  key: z.string(),
  summary: z.string(),
  status: z.enum(["OPEN", "ACCEPTED", "PROMOTED"]),
  detectedAt: ZIso,
  baselineApprovedAt: ZIso,
  baselineApprovedBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: ZIso.nullable(),
  findingRef: z.string().nullable(),
});

export const ZSignOff = z.object({
  role: z.string(), // "Drafted the report", "Approved hardening step", ...
  name: z.string(),
  email: z.string(),
  what: z.string(),
  at: ZIso,
});

export const ZScopeHost = z.object({
  label: z.string(),
  address: z.string(),
  port: z.number().int(),
  exposure: z.enum(["INTERNET", "INTERNAL"]),
  os: z.string().nullable(),
  username: z.string(),
  // How Palisade authenticated: never the secret itself.
  access: z.string(), // "SSH key SHA256:abc…" | "password" | "no credential"
  auditedAt: z.array(ZIso), // finished audit runs of this host, oldest first
  lastOutcome: z.string().nullable(),
  findings: z.number().int(),
});

const ZSeverityCounts = z.object({ CRITICAL: z.number().int(), HIGH: z.number().int(), MEDIUM: z.number().int(), LOW: z.number().int() });

export const ZReportModel = z.object({
  modelVersion: z.literal(REPORT_MODEL_VERSION),
  generatedAt: ZIso,
  report: z.object({
    version: z.number().int(),
    title: z.string(),
    classification: z.string(),
    consultantSummary: z.string(),
    draftedBy: ZPerson,
    publishedBy: ZPerson.nullable(),
    publishedAt: ZIso.nullable(),
  }),
  client: z.object({ name: z.string(), contact: z.string() }),
  engagement: z.object({ name: z.string(), scope: z.string(), startsOn: ZIso.nullable(), endsOn: ZIso.nullable(), firstAuditAt: ZIso.nullable(), lastAuditAt: ZIso.nullable() }),
  executive: z.object({
    paragraphs: z.array(z.string()),
    // Findings still needing action (not resolved, accepted, false positive or duplicate), by severity.
    open: ZSeverityCounts,
    total: ZSeverityCounts,
    topRisks: z.array(z.object({ ref: z.string(), title: z.string(), severity: ZSeverity, hostLabel: z.string(), impact: z.string() })),
  }),
  scope: z.object({ hosts: z.array(ZScopeHost) }),
  findings: z.array(ZReportFinding),
  hardening: z.array(ZHardeningItem),
  acceptedRisks: z.array(ZAcceptedRisk),
  openItems: z.array(ZOpenItem),
  drift: z.array(ZDriftItem),
  signOffs: z.array(ZSignOff),
  evidence: z.array(ZEvidenceRef),
});

export type TReportModel = z.infer<typeof ZReportModel>;
export type TReportFinding = z.infer<typeof ZReportFinding>;
export type THardeningItem = z.infer<typeof ZHardeningItem>;
export type TAcceptedRisk = z.infer<typeof ZAcceptedRisk>;
export type TOpenItem = z.infer<typeof ZOpenItem>;
export type TDriftItem = z.infer<typeof ZDriftItem>;
export type TSignOff = z.infer<typeof ZSignOff>;
export type TScopeHost = z.infer<typeof ZScopeHost>;
export type TEvidenceRef = z.infer<typeof ZEvidenceRef>;
export type TReportSeverity = z.infer<typeof ZSeverity>;

export type TReportPerson = z.infer<typeof ZPerson>;

// What buildReportModel needs beside the database: the report version's own fields.
export type TReportInput = {
  engagementId: string;
  version: number;
  title: string;
  classification: string;
  summary: string;
  draftedBy: TReportPerson;
  publishedBy?: TReportPerson | null;
  publishedAt?: Date | null;
};
