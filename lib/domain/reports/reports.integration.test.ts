import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import type { TActor } from "../actor";
import { deleteReportDraft } from "./delete-report-draft";
import { downloadReport } from "./download-report";
import { draftReport } from "./draft-report";
import { listReports } from "./list-reports";
import { previewReport } from "./preview-report";
import { publishReport } from "./publish-report";
import { updateReportDraft } from "./update-report-draft";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const input = (title: string) => ({ title, classification: "CONFIDENTIAL" as const, summary: "Two exposed datastores; both now bound to localhost." });
const MISSING = "cmissing0000000000000000x";

async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// The stored row as the database has it, pdf bytes included.
const stored = (id: string) => db().reportVersion.findUniqueOrThrow({ where: { id }, omit: { pdf: false } });
const auditCount = (action: string, reportId: string) => db().auditLog.count({ where: { action, target: `report:${reportId}` } });

function pdfPages(pdf: Uint8Array): number | null {
  try {
    const info = execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  } catch {
    return null; // poppler-utils not installed: the page count is checked by the report's own tests
  }
}

describe("report workflow", () => {
  let consultant: TActor;
  let reviewer: TActor;
  let clientUser: TActor;
  let foreignClient: TActor;
  let outsider: TActor;
  let engagementId: string;
  let published: string; // v1, published by the reviewer
  let draft: string; // v2, left a draft
  let foreignPublished: string;

  beforeAll(async () => {
    consultant = (await makeUser(db(), { role: "CONSULTANT", name: "Cora Consultant" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER", name: "Rita Reviewer" })).actor;
    clientUser = (await makeUser(db(), { role: "CLIENT" })).actor;
    foreignClient = (await makeUser(db(), { role: "CLIENT" })).actor;
    outsider = (await makeUser(db(), { role: "REVIEWER" })).actor;
    const engagement = await makeEngagement(db(), { name: "Acme perimeter (reports)", memberIds: [consultant.id, reviewer.id, clientUser.id] });
    engagementId = engagement.id;
    const host = await makeHost(db(), { engagementId, label: "web-01.acme.test", exposure: "INTERNET" });
    await makeFinding(db(), { engagementId, hostId: host.id, severity: "CRITICAL", title: "Redis reachable without authentication", port: 6379 });

    // Another tenant's published report, stored as publishing stores one.
    const foreign = await makeEngagement(db(), { name: "Globex (reports)", memberIds: [foreignClient.id, outsider.id] });
    const bytes = Buffer.from("%PDF-1.7\nGlobex report\n%%EOF\n");
    foreignPublished = (await db().reportVersion.create({
      data: { engagementId: foreign.id, version: 1, status: "PUBLISHED", title: "Globex", draftedById: consultant.id, publishedById: outsider.id, publishedAt: new Date(), pdf: bytes, sha256: sha256(bytes), sizeBytes: bytes.length, pageCount: 1 },
    })).id;
  });

  it("a consultant drafts numbered versions; reviewers and clients may not draft", async () => {
    const v1 = await draftReport({ actor: consultant, engagementId, input: input("External perimeter assessment") });
    const v2 = await draftReport({ actor: consultant, engagementId, input: input("Perimeter, second round") });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1).toMatchObject({ status: "DRAFT", draftedById: consultant.id, sha256: null, publishedAt: null });
    published = v1.id;
    draft = v2.id;
    expect(await auditCount("report.draft", v1.id)).toBe(1);
    expect((await refused(draftReport({ actor: reviewer, engagementId, input: input("x") }))).code).toBe("FORBIDDEN");
    expect((await refused(draftReport({ actor: clientUser, engagementId, input: input("x") }))).code).toBe("FORBIDDEN");
    expect((await refused(draftReport({ actor: consultant, engagementId: MISSING, input: input("x") }))).code).toBe("NOT_FOUND");
    expect(await db().reportVersion.count({ where: { engagementId } })).toBe(2);
  });

  it("the drafter cannot publish, even once they are a reviewer: refused, nothing changed", async () => {
    const before = await stored(published);
    const audits = await db().auditLog.count();
    expect((await refused(publishReport({ actor: consultant, reportId: published }))).code).toBe("FORBIDDEN");
    // Promoted to reviewer after drafting: the role allows publishing, being the drafter does not.
    await db().user.update({ where: { id: consultant.id }, data: { role: "REVIEWER" } });
    try {
      const error = await refused(publishReport({ actor: { ...consultant, role: "REVIEWER" }, reportId: published }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe("You drafted version 1: a different reviewer must publish it. Nothing was changed.");
    } finally {
      await db().user.update({ where: { id: consultant.id }, data: { role: "CONSULTANT" } });
    }
    expect(await stored(published)).toEqual(before);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("a reviewer previews a draft without storing anything; a client cannot see drafts at all", async () => {
    const { pdf, filename } = await previewReport({ actor: reviewer, reportId: draft });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(filename).toBe("Acme-perimeter-reports-report-v2-draft-preview.pdf");
    expect(await stored(draft)).toMatchObject({ status: "DRAFT", pdf: null, sha256: null });
    expect((await refused(previewReport({ actor: clientUser, reportId: draft }))).code).toBe("NOT_FOUND");
  });

  it("a different reviewer publishes: rendered once, stored with the sha256 of the stored bytes, immutable from then on", async () => {
    const result = await publishReport({ actor: reviewer, reportId: published });
    const row = await stored(published);
    expect(row.status).toBe("PUBLISHED");
    expect(row.publishedById).toBe(reviewer.id);
    expect(row.pdf).not.toBeNull();
    expect(Buffer.from(row.pdf!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(row.sha256).toBe(sha256(row.pdf!));
    expect(result.sha256).toBe(row.sha256);
    expect(row.sizeBytes).toBe(row.pdf!.length);
    const pages = pdfPages(row.pdf!);
    if (pages !== null) expect(row.pageCount).toBe(pages);
    expect(row.model).toMatchObject({ report: { version: 1, publishedBy: { name: "Rita Reviewer" }, draftedBy: { name: "Cora Consultant" } }, engagement: { name: "Acme perimeter (reports)" } });
    expect(await auditCount("report.publish", published)).toBe(1);

    // The database itself refuses to change or delete it, whoever asks.
    await expect(db().$executeRaw`UPDATE "ReportVersion" SET "title" = 'rewritten' WHERE "id" = ${published}`).rejects.toThrow(/immutable/);
    await expect(db().$executeRaw`DELETE FROM "ReportVersion" WHERE "id" = ${published}`).rejects.toThrow(/immutable/);
    expect((await refused(updateReportDraft({ actor: consultant, reportId: published, input: input("rewritten") }))).code).toBe("CONFLICT");
    expect((await refused(deleteReportDraft({ actor: consultant, reportId: published }))).code).toBe("CONFLICT");
    expect((await refused(publishReport({ actor: outsider, reportId: published }))).code).toBe("NOT_FOUND");
    expect(await stored(published)).toEqual(row);
  });

  it("a client lists and downloads only published versions of their own engagements; every download is audit-logged", async () => {
    const listed = await listReports({ actor: clientUser });
    expect(listed.map((r) => r.id)).toEqual([published]);
    expect((await listReports({ actor: consultant, engagementId })).map((r) => r.version)).toEqual([2, 1]);

    const before = await auditCount("report.download", published);
    const first = await downloadReport({ actor: clientUser, reportId: published });
    await downloadReport({ actor: clientUser, reportId: published });
    expect(first.pdf.equals(Buffer.from((await stored(published)).pdf!))).toBe(true);
    expect(first.filename).toBe("Acme-perimeter-reports-report-v1.pdf");
    const rows = await db().auditLog.findMany({ where: { action: "report.download", target: `report:${published}` }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(before + 2);
    expect(rows.at(-1)).toMatchObject({ actorId: clientUser.id, details: { email: clientUser.email, role: "CLIENT", version: 1, sha256: first.sha256 } });

    const audits = await db().auditLog.count();
    for (const reportId of [draft, foreignPublished, MISSING]) {
      const error = await refused(downloadReport({ actor: clientUser, reportId }));
      expect(error.code, reportId).toBe("NOT_FOUND");
      expect(error.message).toBe("Report not found");
    }
    // A reviewer of another engagement gets the same 404 for this one.
    expect((await refused(downloadReport({ actor: outsider, reportId: published }))).code).toBe("NOT_FOUND");
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("a stored PDF tampered with after publication is refused by its hash, with its own error, and the refusal is logged", async () => {
    const original = await stored(published);
    // Only an attacker with database access gets past the trigger.
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "ReportVersion" DISABLE TRIGGER "ReportVersion_published_immutable"`);
      await tx.$executeRaw`UPDATE "ReportVersion" SET "pdf" = overlay("pdf" placing '\x21'::bytea from 200 for 1) WHERE "id" = ${published}`;
      await tx.$executeRawUnsafe(`ALTER TABLE "ReportVersion" ENABLE TRIGGER "ReportVersion_published_immutable"`);
    });
    const tampered = await stored(published);
    expect(sha256(tampered.pdf!)).not.toBe(original.sha256);
    expect(tampered.sha256).toBe(original.sha256);

    const downloads = await auditCount("report.download", published);
    const error = await refused(downloadReport({ actor: clientUser, reportId: published }));
    expect(error.code).toBe("INTEGRITY");
    expect(error.message).toMatch(/does not match the sha256 recorded when it was published: it may have been tampered with, so it was not sent/);
    expect(await auditCount("report.download", published)).toBe(downloads);
    const refusal = await db().auditLog.findFirstOrThrow({ where: { action: "report.download-refused", target: `report:${published}` } });
    expect(refusal).toMatchObject({ actorId: clientUser.id, details: { reason: "sha256 mismatch", sha256: original.sha256, actualSha256: sha256(tampered.pdf!) } });
    // Still distinct from a missing report.
    expect((await refused(downloadReport({ actor: clientUser, reportId: MISSING }))).code).toBe("NOT_FOUND");
  });

  it("a draft can be edited and deleted by a consultant, not by a client", async () => {
    const updated = await updateReportDraft({ actor: consultant, reportId: draft, input: { ...input("Perimeter, final"), classification: "TLP:AMBER" } });
    expect(updated).toMatchObject({ title: "Perimeter, final", classification: "TLP:AMBER", status: "DRAFT" });
    expect((await refused(deleteReportDraft({ actor: clientUser, reportId: draft }))).code).toBe("NOT_FOUND");
    await deleteReportDraft({ actor: consultant, reportId: draft });
    expect(await db().reportVersion.findUnique({ where: { id: draft } })).toBeNull();
    expect(await auditCount("report.delete", draft)).toBe(1);
  });
});
