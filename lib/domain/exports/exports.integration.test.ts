import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { encryptSecret } from "@/lib/server/crypto";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { parseCsv } from "@/lib/testing/parse-csv";
import type { TActor } from "../actor";
import { DEFECTDOJO_SEVERITIES, ZDefectDojoImport } from "./defectdojo-format";
import schema from "./engagement-export.schema.json";
import { exportDefectDojo } from "./export-defectdojo";
import { exportEngagementJson } from "./export-engagement-json";
import { exportFindingsCsv, FINDINGS_CSV_HEADER } from "./export-findings-csv";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const PASSWORD = "hunter2-the-ssh-password-of-web-01";
const HOSTILE_TITLES = ['=HYPERLINK("http://evil.test","click")', "+cmd|' /C calc'!A0", "-1+2", "@SUM(1)", 'Redis "protected mode" off, no auth', "two\nlines, and a comma"];

async function refused(work: Promise<unknown>) {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("engagement exports", () => {
  let consultant: TActor;
  let reviewer: TActor;
  let clientUser: TActor;
  let outsider: TActor;
  let engagementId: string;
  let foreignEngagementId: string;
  const statuses = ["NEW", "CONFIRMED", "FALSE_POSITIVE", "ACCEPTED_RISK", "DUPLICATE", "RESOLVED", "ACCEPTANCE_REQUESTED", "REOPENED"] as const;

  beforeAll(async () => {
    consultant = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    clientUser = (await makeUser(db(), { role: "CLIENT" })).actor;
    outsider = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    const engagement = await makeEngagement(db(), { name: "Acme perimeter, Q3 (export)", memberIds: [consultant.id, reviewer.id, clientUser.id] });
    engagementId = engagement.id;
    const credentialId = "cexporttestcredential0001";
    await db().credential.create({ data: { id: credentialId, engagementId, label: "web root", kind: "PASSWORD", username: "root", secret: encryptSecret(JSON.stringify({ kind: "PASSWORD", password: PASSWORD }), credentialId) } });
    const host = await makeHost(db(), { engagementId, label: "web-01.acme.test", address: "10.9.0.1", exposure: "INTERNET", credentialId });
    const v6 = await makeHost(db(), { engagementId, label: "v6.acme.test", address: "fd00::1" });
    let i = 0;
    for (const status of statuses) {
      await makeFinding(db(), {
        engagementId, hostId: i % 2 ? v6.id : host.id, status, severity: (["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const)[i % 4], title: HOSTILE_TITLES[i % HOSTILE_TITLES.length] + ` #${i}`, port: 6379 + i,
        ruleId: i % 2 ? "loopback-only-listener" : "exposed-unauthenticated-datastore",
        runBy: consultant.id, evidence: [{ key: `ss-${i}`, command: "ss -H -tlnp", stdout: `LISTEN 0 511 0.0.0.0:${6379 + i} users:(("redis-server",pid=1${i}))` }],
      });
      i++;
    }
    const resolved = await db().finding.findFirstOrThrow({ where: { engagementId, status: "RESOLVED" } });
    await db().finding.update({ where: { id: resolved.id }, data: { resolvedAt: new Date("2026-03-04T05:06:07Z") } });
    const accepted = await db().finding.findFirstOrThrow({ where: { engagementId, status: "ACCEPTED_RISK" } });
    await db().finding.update({ where: { id: accepted.id }, data: { acceptanceJustification: "Filtered upstream", acceptanceExpiresAt: new Date(Date.now() + 86_400_000), acceptanceRequestedById: consultant.id, acceptanceApprovedById: reviewer.id } });
    await db().findingEvent.create({ data: { findingId: accepted.id, actorId: reviewer.id, kind: "status", fromStatus: "ACCEPTANCE_REQUESTED", toStatus: "ACCEPTED_RISK", comment: "ok until the firewall change" } });
    const confirmed = await db().finding.findFirstOrThrow({ where: { engagementId, status: "CONFIRMED" } });
    await db().hardeningStep.create({
      data: {
        engagementId, hostId: confirmed.hostId, findingId: confirmed.id, strategy: "BIND_LOCALHOST", title: "Bind redis to 127.0.0.1", rationale: "Nothing remote uses it",
        commands: ["sed -i 's/^bind .*/bind 127.0.0.1/' /etc/redis/redis.conf", "systemctl restart redis"], expectedAfter: "127.0.0.1:6380 only",
        verifyCommands: ["ss -H -tlnp"], rollbackCommands: ["cp /etc/redis/redis.conf.bak /etc/redis/redis.conf"], files: [{ path: "/etc/redis/redis.conf", before: `requirepass ${PASSWORD}` }], proposedById: consultant.id,
      },
    });
    const hostRun = await db().hostRun.findFirstOrThrow({ where: { hostId: host.id } });
    const baseline = await db().baseline.create({ data: { hostId: host.id, hostRunId: hostRun.id, items: [], approvedById: reviewer.id } });
    await db().driftItem.create({ data: { engagementId, hostId: host.id, hostRunId: hostRun.id, baselineId: baseline.id, kind: "LISTENER", change: "NEW", key: "tcp/9999", summary: "new listener on 0.0.0.0:9999", after: { port: 9999 } } });

    foreignEngagementId = (await makeEngagement(db(), { memberIds: [outsider.id] })).id;
  });

  it("JSON: validates against its published JSON Schema, holds every part, and no credential", async () => {
    const before = await db().auditLog.count({ where: { action: "export.json", actorId: reviewer.id } });
    const { document, filename } = await exportEngagementJson({ actor: reviewer, engagementId });
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    // Through JSON, as a consumer reads the file.
    const parsed: unknown = JSON.parse(JSON.stringify(document));
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);

    expect(document.findings).toHaveLength(statuses.length);
    // CWE-306 for the unauthenticated datastore; none for a loopback-only listener, a state rather than a weakness.
    expect(document.findings.map((f) => [f.ruleId, f.cwe])).toEqual(document.findings.map((f) => [f.ruleId, f.ruleId === "exposed-unauthenticated-datastore" ? 306 : null]));
    expect(document.hosts.map((h) => h.label).sort()).toEqual(["v6.acme.test", "web-01.acme.test"]);
    expect(document.hardeningSteps[0]).toMatchObject({ title: "Bind redis to 127.0.0.1", files: ["/etc/redis/redis.conf"] });
    expect(document.driftItems[0]).toMatchObject({ key: "tcp/9999", change: "NEW" });
    expect(document.evidence).toHaveLength(statuses.length);
    expect(document.evidence.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
    expect(document.findings.find((f) => f.status === "ACCEPTED_RISK")?.events[0]).toMatchObject({ toStatus: "ACCEPTED_RISK", comment: "ok until the firewall change" });
    const text = JSON.stringify(document);
    expect(text).not.toContain(PASSWORD);
    const stored = await db().credential.findFirstOrThrow({ where: { engagementId }, omit: { secret: false } });
    expect(text).not.toContain(stored.secret);
    expect(filename).toBe("Acme-perimeter-Q3-export-palisade-export.json");
    expect(await db().auditLog.count({ where: { action: "export.json", actorId: reviewer.id, target: `engagement:${engagementId}` } })).toBe(before + 1);
  });

  it("JSON Schema refuses a document that breaks it (the validation can fail)", async () => {
    const { document } = await exportEngagementJson({ actor: consultant, engagementId });
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const broken = JSON.parse(JSON.stringify(document)) as { findings: Record<string, unknown>[]; hosts: Record<string, unknown>[] };
    broken.findings[0]!.severity = "SEVERE";
    broken.hosts[0]!.password = PASSWORD;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(["/findings/0/severity", "/hosts/0"]);
  });

  it("CSV: one RFC 4180 record per finding that parses back, with formula cells defused", async () => {
    const { csv, filename } = await exportFindingsCsv({ actor: consultant, engagementId });
    expect(filename).toBe("Acme-perimeter-Q3-export-findings.csv");
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...FINDINGS_CSV_HEADER]);
    expect(rows).toHaveLength(statuses.length + 1);
    const col = (name: (typeof FINDINGS_CSV_HEADER)[number]) => FINDINGS_CSV_HEADER.indexOf(name);
    const titles = rows.slice(1).map((r) => r[col("title")]!);
    const findings = await db().finding.findMany({ where: { engagementId } });
    for (const f of findings) {
      const expected = /^[=+\-@\t\r]/.test(f.title) ? `'${f.title}` : f.title;
      expect(titles).toContain(expected);
    }
    expect(titles.some((t) => t.startsWith("'=HYPERLINK("))).toBe(true);
    expect(titles.some((t) => t.includes("two\nlines, and a comma"))).toBe(true);
    expect(titles.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
    expect(rows.every((r) => r.length === FINDINGS_CSV_HEADER.length)).toBe(true);
    expect(rows.slice(1).map((r) => [r[col("rule_id")], r[col("cwe")]])).toEqual(rows.slice(1).map((r) => [r[col("rule_id")], r[col("rule_id")] === "exposed-unauthenticated-datastore" ? "306" : ""]));
    expect(await db().auditLog.count({ where: { action: "export.csv", actorId: consultant.id } })).toBe(1);
  });

  it("DefectDojo: the Generic Findings Import file validates against the documented fields, statuses map onto its flags", async () => {
    const { document, filename } = await exportDefectDojo({ actor: reviewer, engagementId });
    expect(filename).toBe("Acme-perimeter-Q3-export-defectdojo-generic-findings.json");
    const parsed = ZDefectDojoImport.safeParse(JSON.parse(JSON.stringify(document)));
    expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true);
    const findings = parsed.data!.findings;
    expect(findings).toHaveLength(statuses.length);
    expect(new Set(findings.map((f) => f.severity)).size).toBe(4);
    expect(findings.every((f) => (DEFECTDOJO_SEVERITIES as readonly string[]).includes(f.severity))).toBe(true);

    const stored = await db().finding.findMany({ where: { engagementId } });
    const byFingerprint = new Map(findings.map((f) => [f.unique_id_from_tool, f]));
    const of = (status: string) => byFingerprint.get(stored.find((s) => s.status === status)!.fingerprint)!;
    expect(of("NEW")).toMatchObject({ active: true, verified: false, false_p: false });
    expect(of("CONFIRMED")).toMatchObject({ active: true, verified: true });
    expect(of("CONFIRMED").mitigation).toContain("Bind redis to 127.0.0.1");
    expect(of("NEW").mitigation).toContain("bind the service to 127.0.0.1");
    expect(of("FALSE_POSITIVE")).toMatchObject({ active: false, false_p: true });
    expect(of("ACCEPTED_RISK")).toMatchObject({ active: false, risk_accepted: true });
    expect(of("ACCEPTANCE_REQUESTED")).toMatchObject({ active: true, under_review: true });
    expect(of("RESOLVED")).toMatchObject({ active: false, is_mitigated: true, mitigated: "2026-03-04T05:06:07Z" });
    expect(of("DUPLICATE")).toMatchObject({ active: false, tags: expect.arrayContaining(["duplicate"]) });
    expect(findings.flatMap((f) => f.endpoints ?? [])).toEqual(expect.arrayContaining(["10.9.0.1:6379", "[fd00::1]:6380"]));
    expect(findings.every((f) => /Evidence sha256 [0-9a-f]{64}: ss -H -tlnp/.test(f.references ?? ""))).toBe(true);
    expect(findings.map((f) => [f.vuln_id_from_tool, f.cwe])).toEqual(findings.map((f) => [f.vuln_id_from_tool, f.vuln_id_from_tool === "exposed-unauthenticated-datastore" ? 306 : undefined]));
    expect(JSON.stringify(document)).not.toContain(PASSWORD);

    // A field the documented format does not list is refused, as DefectDojo's parser refuses it.
    expect(ZDefectDojoImport.safeParse({ findings: [{ ...findings[0], duplicate: true }] }).success).toBe(false);
    expect(ZDefectDojoImport.safeParse({ findings: [{ ...findings[0], severity: "CRITICAL" }] }).success).toBe(false);
  });

  it("another tenant's engagement is NOT_FOUND and a client may not export; neither writes an audit row", async () => {
    const before = await db().auditLog.count();
    for (const work of [exportEngagementJson, exportFindingsCsv, exportDefectDojo]) {
      expect((await refused(work({ actor: consultant, engagementId: foreignEngagementId }))).code).toBe("NOT_FOUND");
      expect((await refused(work({ actor: consultant, engagementId: "cmissing0000000000000000x" }))).code).toBe("NOT_FOUND");
      expect((await refused(work({ actor: clientUser, engagementId }))).code).toBe("FORBIDDEN");
    }
    expect(await db().auditLog.count()).toBe(before);
  });
});
