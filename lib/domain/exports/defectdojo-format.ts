import { z } from "zod";

// DefectDojo's "Generic Findings Import" JSON, as documented at
// https://docs.defectdojo.com/supported_tools/parsers/file/generic/
// (source: django-DefectDojo docs/content/supported_tools/parsers/file/generic.md,
// parser dojo/tools/generic/json_parser.py). The parser refuses a finding
// with a field outside its list ("Not allowed fields are present"), so the
// schemas are strict: every field Palisade may write is one the page lists,
// with the type it gives. Note there is no "duplicate" in the JSON format
// (only in the CSV one).

export const DEFECTDOJO_DOC_URL = "https://docs.defectdojo.com/supported_tools/parsers/file/generic/";

// dateutil.parser.parse reads these; Palisade writes YYYY-MM-DD or ISO 8601.
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/, "a date (YYYY-MM-DD or ISO 8601)");
const ZInt = z.number().int();

export const DEFECTDOJO_SEVERITIES = ["Critical", "High", "Medium", "Low", "Info"] as const;

export const ZDefectDojoFinding = z.strictObject({
  title: z.string().min(1),
  severity: z.enum(DEFECTDOJO_SEVERITIES),
  description: z.string().min(1),
  date: ZDate.optional(),
  cwe: ZInt.optional(),
  cve: z.string().optional(),
  epss_score: z.number().optional(),
  epss_percentile: z.number().optional(),
  cvssv3: z.string().optional(),
  cvssv3_score: z.number().optional(),
  cvssv4: z.string().optional(),
  cvssv4_score: z.number().optional(),
  mitigation: z.string().optional(),
  impact: z.string().optional(),
  steps_to_reproduce: z.string().optional(),
  severity_justification: z.string().optional(),
  references: z.string().optional(),
  active: z.boolean().optional(),
  verified: z.boolean().optional(),
  false_p: z.boolean().optional(),
  out_of_scope: z.boolean().optional(),
  risk_accepted: z.boolean().optional(),
  under_review: z.boolean().optional(),
  is_mitigated: z.boolean().optional(),
  thread_id: z.string().optional(),
  mitigated: ZDate.optional(),
  numerical_severity: ZInt.optional(),
  param: z.string().optional(),
  payload: z.string().optional(),
  line: ZInt.optional(),
  file_path: z.string().optional(),
  component_name: z.string().optional(),
  component_version: z.string().optional(),
  static_finding: z.boolean().optional(),
  dynamic_finding: z.boolean().optional(),
  scanner_confidence: ZInt.optional(),
  unique_id_from_tool: z.string().optional(),
  vuln_id_from_tool: z.string().optional(),
  sast_source_object: z.string().optional(),
  sast_sink_object: z.string().optional(),
  sast_source_line: ZInt.optional(),
  sast_source_file_path: z.string().optional(),
  nb_occurences: ZInt.optional(),
  publish_date: ZDate.optional(),
  service: z.string().optional(),
  planned_remediation_date: ZDate.optional(),
  planned_remediation_version: z.string().optional(),
  effort_for_fixing: z.enum(["High", "Medium", "Low"]).optional(),
  tags: z.array(z.string()).optional(),
  kev_date: ZDate.optional(),
  known_exploited: z.boolean().optional(),
  ransomware_used: z.boolean().optional(),
  fix_available: z.boolean().optional(),
  fix_version: z.string().optional(),
  // Taken off the finding by the parser before the field check: hosts as
  // "host:port" / URL strings or endpoint objects, and identifiers.
  endpoints: z.array(z.union([z.string(), z.strictObject({ protocol: z.string().optional(), host: z.string(), port: ZInt.optional(), path: z.string().optional() })])).optional(),
  vulnerability_ids: z.array(z.string()).optional(),
});

// The file: test-level attributes the parser reads, and the findings.
export const ZDefectDojoImport = z.strictObject({
  name: z.string().optional(),
  type: z.string().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  dynamic_tool: z.boolean().optional(),
  static_tool: z.boolean().optional(),
  findings: z.array(ZDefectDojoFinding),
});

export type TDefectDojoFinding = z.infer<typeof ZDefectDojoFinding>;
export type TDefectDojoImport = z.infer<typeof ZDefectDojoImport>;
