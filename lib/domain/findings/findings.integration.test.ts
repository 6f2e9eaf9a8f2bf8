import { beforeAll, describe, expect, it } from "vitest";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { makeEngagement, makeHost, makeUser } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import type { TActor } from "../actor";
import { changeFindingStatus, type TStatusChange } from "./change-finding-status";
import { commentOnFinding } from "./comment-on-finding";
import { expireRiskAcceptances } from "./expire-risk-acceptances";
import { getFinding } from "./get-finding";
import { listFindings, PAGE_SIZE, type TCursor, type TFindingFilter, type TFindingSort } from "./list-findings";
import { FINDING_STATUSES, refusal, transitionFor } from "./transitions";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const DAY = 86_400_000;

// Everything a status change writes, to prove a refused one wrote nothing.
async function writes(engagementId: string) {
  const [findings, events, auditRows] = await Promise.all([
    db().finding.findMany({ where: { engagementId }, orderBy: { id: "asc" } }),
    db().findingEvent.count({ where: { finding: { engagementId } } }),
    db().auditLog.count(),
  ]);
  return { findings, events, auditRows };
}

async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// Every requirement satisfied, so only the transition itself can be the reason for a refusal.
const fullChange = (to: FindingStatus, duplicateOfId: string): TStatusChange => ({
  to,
  comment: "reviewed the evidence",
  justification: "Compensating control: the port is filtered upstream",
  expiresAt: new Date(Date.now() + 30 * DAY),
  duplicateOfId,
});

describe("finding triage", () => {
  let consultant: TActor;
  let reviewer: TActor;
  let otherReviewer: TActor;
  let outsider: TActor;
  let clientUser: TActor;
  let engagementId: string;
  let hostId: string;
  let foreignEngagementId: string;
  let foreignFindingId: string;

  const finding = (status: FindingStatus = "NEW", extra: Partial<Parameters<typeof makeFinding>[1]> = {}) => makeFinding(db(), { engagementId, hostId, status, ...extra });

  beforeAll(async () => {
    consultant = (await makeUser(db(), { role: "CONSULTANT" })).actor;
    reviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    otherReviewer = (await makeUser(db(), { role: "REVIEWER" })).actor;
    outsider = (await makeUser(db(), { role: "REVIEWER" })).actor;
    clientUser = (await makeUser(db(), { role: "CLIENT" })).actor;
    engagementId = (await makeEngagement(db(), { memberIds: [consultant.id, reviewer.id, otherReviewer.id, clientUser.id] })).id;
    hostId = (await makeHost(db(), { engagementId, label: "web-01.acme.test" })).id;
    foreignEngagementId = (await makeEngagement(db(), { memberIds: [outsider.id] })).id;
    const foreignHost = await makeHost(db(), { engagementId: foreignEngagementId });
    foreignFindingId = (await makeFinding(db(), { engagementId: foreignEngagementId, hostId: foreignHost.id, title: "Foreign secret finding" })).id;
  });

  it("refuses every move the table does not allow a person, with its reason, and writes nothing", async () => {
    const target = await finding("CONFIRMED");
    let pairs = 0;
    for (const from of FINDING_STATUSES) {
      const f = await finding(from);
      for (const to of FINDING_STATUSES) {
        if (transitionFor(from, to, "person")) continue;
        pairs++;
        const before = await writes(engagementId);
        const error = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: fullChange(to, target.id) }));
        expect(error.code, `${from} -> ${to}`).toBe("VALIDATION");
        expect(error.message).toBe(`${refusal(from, to)}. Nothing was changed.`);
        expect(await writes(engagementId)).toEqual(before);
      }
    }
    // 8 statuses, 64 pairs, 16 moves a person may make: 48 refusals.
    expect(pairs).toBe(48);
  });

  it("refuses a move whose requirement is missing, naming the field", async () => {
    const f = await finding("NEW");
    const before = await writes(engagementId);
    const noComment = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "FALSE_POSITIVE", comment: "  " } }));
    expect(noComment.fieldErrors).toEqual({ comment: ["A comment is required for this change"] });
    const noExpiry = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTANCE_REQUESTED", comment: "", justification: "filtered upstream" } }));
    expect(noExpiry.message).toBe("A risk acceptance needs an expiry date in the future");
    const tooLong = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTANCE_REQUESTED", comment: "", justification: "filtered upstream", expiresAt: new Date(Date.now() + 400 * DAY) } }));
    expect(tooLong.message).toBe("A risk acceptance may last a year at most");
    const itself = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "DUPLICATE", comment: "", duplicateOfId: f.id } }));
    expect(itself.message).toBe("A finding cannot duplicate itself");
    expect(await writes(engagementId)).toEqual(before);
  });

  it("lets a different reviewer approve a risk acceptance, never the requester, and never a consultant", async () => {
    const f = await finding("CONFIRMED");
    const expiresAt = new Date(Date.now() + 30 * DAY);
    await changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTANCE_REQUESTED", comment: "", justification: "Filtered upstream by the edge firewall", expiresAt } });

    const before = await writes(engagementId);
    const own = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTED_RISK", comment: "" } }));
    expect(own.code).toBe("FORBIDDEN");
    expect(own.message).toBe("You requested this risk acceptance: a different reviewer must approve it");
    const byConsultant = await refused(changeFindingStatus({ actor: consultant, engagementId, findingIds: [f.id], change: { to: "ACCEPTED_RISK", comment: "" } }));
    expect(byConsultant.code).toBe("FORBIDDEN");
    expect(byConsultant.message).toBe("Only a reviewer can approve a risk acceptance");
    expect(await writes(engagementId)).toEqual(before);

    await changeFindingStatus({ actor: otherReviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTED_RISK", comment: "agreed" } });
    const { finding: accepted, nextStatuses } = await getFinding({ actor: consultant, findingId: f.id });
    expect(accepted).toMatchObject({ status: "ACCEPTED_RISK", acceptanceJustification: "Filtered upstream by the edge firewall", acceptanceExpiresAt: expiresAt });
    expect(accepted.acceptanceRequestedBy?.id).toBe(reviewer.id);
    expect(accepted.acceptanceApprovedBy?.id).toBe(otherReviewer.id);
    expect(accepted.events.map((e) => [e.fromStatus, e.toStatus, e.actor?.name])).toEqual([
      ["CONFIRMED", "ACCEPTANCE_REQUESTED", reviewer.name],
      ["ACCEPTANCE_REQUESTED", "ACCEPTED_RISK", otherReviewer.name],
    ]);
    expect(nextStatuses).toEqual(["CONFIRMED"]);
  });

  it("a rejected acceptance leaves no live acceptance behind", async () => {
    const f = await finding("NEW");
    await changeFindingStatus({ actor: consultant, engagementId, findingIds: [f.id], change: { to: "ACCEPTANCE_REQUESTED", comment: "", justification: "Legacy box, retired next month", expiresAt: new Date(Date.now() + 20 * DAY) } });
    await changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "CONFIRMED", comment: "Not acceptable: it holds customer data" } });
    const { finding: rejected } = await getFinding({ actor: reviewer, findingId: f.id });
    expect(rejected).toMatchObject({ status: "CONFIRMED", acceptanceJustification: null, acceptanceExpiresAt: null, acceptanceRequestedById: null, acceptanceApprovedById: null });
  });

  it("changes a bulk selection all or nothing, with one comment", async () => {
    const fresh = await Promise.all([finding("NEW", { title: "Bare HTTP on :8080" }), finding("NEW", { title: "Bare HTTP on :8081" }), finding("REOPENED", { title: "Bare HTTP on :8082" })]);
    const blocker = await finding("RESOLVED", { title: "Debug endpoint on :9229" });
    const ids = [...fresh, blocker].map((f) => f.id);

    const before = await writes(engagementId);
    const error = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: ids, change: { to: "CONFIRMED", comment: "seen it" } }));
    expect(error.message).toBe("Debug endpoint on :9229 on web-01.acme.test: A resolved finding cannot become confirmed. Nothing was changed.");
    expect(await writes(engagementId)).toEqual(before);

    // One id of another engagement in the selection: NOT_FOUND, nothing changed either.
    const foreign = await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [fresh[0]!.id, foreignFindingId], change: { to: "CONFIRMED", comment: "" } }));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(await writes(engagementId)).toEqual(before);

    const result = await changeFindingStatus({ actor: reviewer, engagementId, findingIds: fresh.map((f) => f.id), change: { to: "CONFIRMED", comment: "  seen it on all three  " } });
    expect(result).toEqual({ changed: 3 });
    const after = await db().finding.findMany({ where: { id: { in: fresh.map((f) => f.id) } }, include: { events: true } });
    for (const f of after) {
      expect(f.status).toBe("CONFIRMED");
      expect(f.triagedAt).not.toBeNull();
      expect(f.events.map((e) => [e.kind, e.toStatus, e.comment, e.actorId])).toEqual([["status", "CONFIRMED", "seen it on all three", reviewer.id]]);
    }
    expect(await db().auditLog.count()).toBe(before.auditRows + 1);
  });

  it("reactivates an accepted risk when its acceptance expires", async () => {
    const f = await finding("NEW");
    const expiresAt = new Date(Date.now() + 10 * DAY);
    await changeFindingStatus({ actor: consultant, engagementId, findingIds: [f.id], change: { to: "ACCEPTANCE_REQUESTED", comment: "", justification: "Maintenance window next quarter", expiresAt } });
    await changeFindingStatus({ actor: reviewer, engagementId, findingIds: [f.id], change: { to: "ACCEPTED_RISK", comment: "" } });

    await expireRiskAcceptances(new Date(expiresAt.getTime() - 1000));
    expect((await db().finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe("ACCEPTED_RISK");

    expect(await expireRiskAcceptances(new Date(expiresAt.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    const { finding: back } = await getFinding({ actor: reviewer, findingId: f.id });
    expect(back.status).toBe("CONFIRMED");
    expect(back.events.at(-1)).toMatchObject({ kind: "status", fromStatus: "ACCEPTED_RISK", toStatus: "CONFIRMED", comment: "Risk acceptance expired", actorId: null });
  });

  it("answers a foreign engagement's finding exactly like a missing one, and changes nothing", async () => {
    const before = await db().finding.findUniqueOrThrow({ where: { id: foreignFindingId }, include: { events: true } });
    const foreign = await refused(getFinding({ actor: reviewer, findingId: foreignFindingId }));
    const missing = await refused(getFinding({ actor: reviewer, findingId: "cmissing0000000000000000x" }));
    expect([foreign.code, foreign.message]).toEqual(["NOT_FOUND", "Finding not found"]);
    expect([missing.code, missing.message]).toEqual([foreign.code, foreign.message]);

    expect((await refused(changeFindingStatus({ actor: reviewer, engagementId: foreignEngagementId, findingIds: [foreignFindingId], change: { to: "CONFIRMED", comment: "" } }))).code).toBe("NOT_FOUND");
    expect((await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [foreignFindingId], change: { to: "CONFIRMED", comment: "" } }))).code).toBe("NOT_FOUND");
    expect((await refused(commentOnFinding({ actor: reviewer, findingId: foreignFindingId, comment: "hello" }))).code).toBe("NOT_FOUND");
    expect((await refused(listFindings({ actor: reviewer, engagementId: foreignEngagementId }))).code).toBe("NOT_FOUND");
    // A duplicate of a foreign finding is as unknown as the finding itself.
    const own = await finding("NEW");
    expect((await refused(changeFindingStatus({ actor: reviewer, engagementId, findingIds: [own.id], change: { to: "DUPLICATE", comment: "", duplicateOfId: foreignFindingId } }))).message).toBe("The finding it duplicates was not found");

    expect(await db().finding.findUniqueOrThrow({ where: { id: foreignFindingId }, include: { events: true } })).toEqual(before);
  });

  it("shows a client member of the engagement no findings at all", async () => {
    const f = await finding("NEW");
    for (const work of [listFindings({ actor: clientUser, engagementId }), getFinding({ actor: clientUser, findingId: f.id })]) {
      expect(["NOT_FOUND", "FORBIDDEN"]).toContain((await refused(work)).code);
    }
    expect((await refused(changeFindingStatus({ actor: clientUser, engagementId, findingIds: [f.id], change: { to: "CONFIRMED", comment: "" } }))).code).toBe("FORBIDDEN");
  });
});

describe("keyset paging", () => {
  let actor: TActor;
  let engagementId: string;
  const total = 2 * PAGE_SIZE + 37;

  beforeAll(async () => {
    actor = (await makeUser(db(), { role: "REVIEWER" })).actor;
    engagementId = (await makeEngagement(db(), { memberIds: [actor.id] })).id;
    const hosts = [await makeHost(db(), { engagementId, label: "redis-01" }), await makeHost(db(), { engagementId, label: "web-01" })];
    const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
    const statuses = ["NEW", "CONFIRMED", "FALSE_POSITIVE", "REOPENED"] as const;
    // Few distinct "last seen" times, so both sorts have long runs of ties the cursor must break by id.
    const base = Date.now() - 10 * DAY;
    for (let i = 0; i < total; i++) {
      const host = hosts[i % 2]!;
      await makeFinding(db(), {
        engagementId,
        hostId: host.id,
        hostLabel: host.label,
        title: `${i % 3 === 0 ? "Redis" : "HTTP"} exposed #${i}`,
        severity: severities[(i % 7) % 4]!,
        status: statuses[i % 4]!,
        timesSeen: 1 + ((i >> 1) % 2),
        lastSeenAt: new Date(base + (i % 5) * DAY),
      });
    }
  });

  async function everyPage(sort: TFindingSort, filter: TFindingFilter = {}) {
    const ids: string[] = [];
    const rows: { id: string; severityRank: number; lastSeenAt: Date }[] = [];
    let cursor: TCursor | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await listFindings({ actor, engagementId, sort, filter, ...(cursor ? { cursor } : {}) });
      expect(result.findings.length).toBeLessThanOrEqual(PAGE_SIZE);
      ids.push(...result.findings.map((f) => f.id));
      rows.push(...result.findings);
      if (!result.next) return { ids, rows };
      // Through the URL and back, as the page and the JSON route carry it.
      cursor = JSON.parse(JSON.stringify(result.next)) as TCursor;
    }
    throw new Error("paging did not end");
  }

  it("returns every finding exactly once across pages, in order, for both sorts", async () => {
    const all = (await db().finding.findMany({ where: { engagementId }, select: { id: true } })).map((f) => f.id).sort();
    expect(all).toHaveLength(total);

    const bySeverity = await everyPage("severity");
    expect([...bySeverity.ids].sort()).toEqual(all);
    const keys = bySeverity.rows.map((r) => [r.severityRank, r.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));

    const byRecent = await everyPage("recent");
    expect([...byRecent.ids].sort()).toEqual(all);
    const recent = byRecent.rows.map((r) => [r.lastSeenAt.getTime(), r.id] as const);
    expect(recent).toEqual([...recent].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)));
  });

  it("pages a filtered list exactly once too, and the filters mean what they say", async () => {
    const filter: TFindingFilter = { severity: ["HIGH", "LOW"], status: ["NEW", "CONFIRMED", "REOPENED"], seen: "recurring", q: "REDIS" };
    const expected = await db().finding.findMany({
      where: { engagementId, severity: { in: ["HIGH", "LOW"] }, status: { in: ["NEW", "CONFIRMED", "REOPENED"] }, timesSeen: { gt: 1 }, searchText: { contains: "redis" } },
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    for (const sort of ["severity", "recent"] as const) {
      const { ids } = await everyPage(sort, filter);
      expect(ids.sort()).toEqual(expected.map((f) => f.id).sort());
    }
  });
});
