import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Retries a few seconds apart instead of minutes: read before the modules
// below load their configuration.
process.env.PALISADE_WEBHOOK_RETRY_LIMIT = "2";
process.env.PALISADE_WEBHOOK_RETRY_DELAY_SECONDS = "1";
process.env.PALISADE_WEBHOOK_TIMEOUT_SECONDS = "3";
process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

const { db } = await import("@/lib/server/db");
const { env } = await import("@/lib/server/env");
const { makeEngagement, makeHost, makeUser } = await import("@/lib/testing/factories");
const { makeFinding } = await import("@/lib/testing/findings-factory");
const { createWebhook } = await import("@/lib/domain/webhooks/create-webhook");
const { deleteWebhook } = await import("@/lib/domain/webhooks/delete-webhook");
const { listWebhooks } = await import("@/lib/domain/webhooks/list-webhooks");
const { setWebhookEnabled } = await import("@/lib/domain/webhooks/set-webhook-enabled");
const { readWebhookUrl } = await import("@/lib/webhooks/stored-url");
const { testWebhook } = await import("@/lib/domain/webhooks/test-webhook");
const { finishRunIfDone } = await import("./finish-run");
const { limitsFromEnv, startWorker } = await import("./worker");

type TReceived = { path: string; headers: IncomingHttpHeaders; body: string; signatureValid: boolean };

// A receiver on 127.0.0.1 that checks every signature the way a real one
// would: HMAC-SHA256 over the raw bytes received, compared in constant time.
async function startReceiver(secrets: Map<string, string>) {
  const received: TReceived[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? "/";
      const secret = secrets.get(path) ?? "";
      const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`);
      const given = Buffer.from(String(req.headers["x-palisade-signature"] ?? ""));
      received.push({ path, headers: req.headers, body: raw.toString("utf8"), signatureValid: given.length === expected.length && timingSafeEqual(given, expected) });
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      const ok = path.startsWith("/flaky") ? n > 1 : path.startsWith("/ok");
      res.writeHead(ok ? 200 : 500).end(ok ? "thanks" : "receiver exploded");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("webhook notifications", () => {
  const secrets = new Map<string, string>();
  const output: string[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let consultant: Awaited<ReturnType<typeof makeUser>>;
  let engagementId: string;
  let hostId: string;
  const spies = (["log", "error", "warn", "info"] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(" "))));

  beforeAll(async () => {
    receiver = await startReceiver(secrets);
    consultant = await makeUser(db(), { role: "CONSULTANT" });
    engagementId = (await makeEngagement(db(), { memberIds: [consultant.user.id] })).id;
    hostId = (await makeHost(db(), { engagementId, label: "db-1" })).id;
    worker = await startWorker({ concurrency: 1, limits: limitsFromEnv(env), log: (line) => output.push(line) });
  });

  afterAll(async () => {
    await worker?.stop({ graceMs: 1_000 });
    await receiver?.close();
    spies.forEach((s) => s.mockRestore());
  });

  // A run whose only host is done, not yet ended, with what `fresh` says it found.
  async function runWith(fresh: { critical?: string; medium?: string; drift?: string }) {
    const run = await db().run.create({ data: { engagementId, startedById: consultant.user.id, status: "RUNNING", trigger: "SCHEDULE" } });
    const hostRun = await db().hostRun.create({ data: { runId: run.id, hostId, status: "DONE", finishedAt: new Date() } });
    if (fresh.critical) await db().finding.update({ where: { id: (await makeFinding(db(), { engagementId, hostId, title: fresh.critical, severity: "CRITICAL" })).id }, data: { firstRunId: run.id } });
    if (fresh.medium) await db().finding.update({ where: { id: (await makeFinding(db(), { engagementId, hostId, title: fresh.medium, severity: "MEDIUM" })).id }, data: { firstRunId: run.id } });
    if (fresh.drift) {
      const baseline = await db().baseline.create({ data: { hostId, hostRunId: hostRun.id, items: [], approvedById: consultant.user.id } });
      await db().driftItem.create({ data: { engagementId, hostId, hostRunId: hostRun.id, baselineId: baseline.id, kind: "LISTENER", change: "NEW", key: "tcp:0.0.0.0:8000", summary: fresh.drift } });
    }
    return run;
  }

  it("shows a generated secret once, stores it encrypted and never returns it again", async () => {
    const created = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/flaky/T000/B000/path-token`, format: "GENERIC", secret: "" } });
    secrets.set("/flaky/T000/B000/path-token", created.secret);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.webhook).not.toHaveProperty("secret");
    const stored = await db().webhook.findUniqueOrThrow({ where: { id: created.webhook.id }, omit: { secret: false, url: false } });
    expect(stored.secret).toMatch(/^v1:/);
    expect(stored.secret).not.toContain(created.secret);
    // The URL carries a token too: encrypted at rest, redacted for display.
    expect(stored.url).toMatch(/^v1:/);
    expect(stored.url).not.toContain("path-token");
    expect(readWebhookUrl(stored)).toBe(`${receiver.base}/flaky/T000/B000/path-token`);
    expect(stored.urlShown).toBe(`${receiver.base}/flaky/…`);
    const listed = await listWebhooks({ actor: consultant.actor, engagementId });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed[0]!.url).toBe(`${receiver.base}/flaky/…`);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "webhook.create", target: `webhook:${created.webhook.id}` } });
    expect(JSON.stringify(audit.details)).not.toContain("path-token");
  });

  it("refuses a foreign engagement's webhook with 404", async () => {
    const stranger = await makeUser(db(), { role: "CONSULTANT" });
    const [hook] = await listWebhooks({ actor: consultant.actor, engagementId });
    await expect(createWebhook({ actor: stranger.actor, engagementId, input: { url: `${receiver.base}/ok`, format: "GENERIC", secret: "" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(testWebhook({ actor: stranger.actor, webhookId: hook!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWebhook({ actor: stranger.actor, webhookId: hook!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().webhook.count({ where: { engagementId } })).toBe(1);
  });

  it("sends a signed ping on demand and reports the answer", async () => {
    const supplied = "supplied-secret-for-the-ok-receiver-0123";
    secrets.set("/ok", supplied);
    const { webhook } = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/ok`, format: "SLACK", secret: supplied } });
    expect(await testWebhook({ actor: consultant.actor, webhookId: webhook.id })).toEqual({ ok: true, status: 200 });
    const ping = receiver.received.at(-1)!;
    expect(ping).toMatchObject({ path: "/ok", signatureValid: true, headers: { "x-palisade-event": "ping" } });
    expect(JSON.parse(ping.body).text).toContain("Palisade test notification");
    await deleteWebhook({ actor: consultant.actor, webhookId: webhook.id });
    secrets.delete("/ok");
  });

  it("disables and re-enables a webhook, keeping its URL and secret, each change audited; others are refused and change nothing", async () => {
    const { webhook, secret } = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/ok/toggle`, format: "GENERIC", secret: "" } });
    secrets.set("/ok/toggle", secret);
    const stored = () => db().webhook.findUniqueOrThrow({ where: { id: webhook.id }, omit: { secret: false, url: false } });
    const before = await stored();
    const stranger = await makeUser(db(), { role: "CONSULTANT" });
    const reviewer = await makeUser(db(), { role: "REVIEWER" });
    await db().engagementMember.create({ data: { engagementId, userId: reviewer.user.id } });

    await expect(setWebhookEnabled({ actor: stranger.actor, webhookId: webhook.id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setWebhookEnabled({ actor: reviewer.actor, webhookId: webhook.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await stored()).enabled).toBe(true);

    await setWebhookEnabled({ actor: consultant.actor, webhookId: webhook.id, enabled: false });
    expect((await stored()).enabled).toBe(false);
    // A test ping still goes out, so the receiver can be checked before it is turned back on.
    expect(await testWebhook({ actor: consultant.actor, webhookId: webhook.id })).toEqual({ ok: true, status: 200 });
    await setWebhookEnabled({ actor: consultant.actor, webhookId: webhook.id, enabled: true });
    await setWebhookEnabled({ actor: consultant.actor, webhookId: webhook.id, enabled: true });

    const after = await stored();
    expect(after).toMatchObject({ enabled: true, url: before.url, secret: before.secret });
    const audit = await db().auditLog.findMany({ where: { target: `webhook:${webhook.id}`, action: { in: ["webhook.disable", "webhook.enable"] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["webhook.disable", consultant.user.id], ["webhook.enable", consultant.user.id]]);
    await deleteWebhook({ actor: consultant.actor, webhookId: webhook.id });
    await db().engagementMember.deleteMany({ where: { engagementId, userId: reviewer.user.id } });
    secrets.delete("/ok/toggle");
  });

  it("delivers a run's new critical finding and drift, retrying a 500 until it succeeds, signed each time", async () => {
    const never = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/down`, format: "SLACK", secret: "" } });
    secrets.set("/down", never.secret);
    const disabled = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/ok/disabled`, format: "GENERIC", secret: "" } });
    await setWebhookEnabled({ actor: consultant.actor, webhookId: disabled.webhook.id, enabled: false });

    const run = await runWith({ critical: "Redis reachable without authentication", medium: "Medium thing not worth a page", drift: "new listener tcp 0.0.0.0:8000 (python3)" });
    await finishRunIfDone(run.id);
    const deliveries = await db().webhookDelivery.findMany({ where: { runId: run.id }, include: { webhook: { omit: { url: false } } } });
    expect(deliveries.map((d) => readWebhookUrl(d.webhook)).sort()).toEqual([`${receiver.base}/down`, `${receiver.base}/flaky/T000/B000/path-token`]);

    const flaky = await waitFor("the flaky delivery", async () => {
      const d = await db().webhookDelivery.findFirst({ where: { runId: run.id, webhook: { urlShown: { contains: "/flaky/" } } } });
      return d?.status !== "PENDING" && d;
    });
    expect(flaky).toMatchObject({ status: "DELIVERED", attempts: 2, responseStatus: 200, lastError: null, event: "run.alert" });
    expect(flaky.deliveredAt).not.toBeNull();
    const flakyRequests = receiver.received.filter((r) => r.path.startsWith("/flaky/"));
    expect(flakyRequests).toHaveLength(2);
    for (const r of flakyRequests) {
      expect(r.signatureValid).toBe(true);
      expect(r.headers).toMatchObject({ "x-palisade-event": "run.alert", "x-palisade-delivery": flaky.id, "content-type": "application/json" });
      expect(Math.abs(Number(r.headers["x-palisade-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const body = JSON.parse(flakyRequests[1]!.body);
    expect(body).toMatchObject({
      event: "run.alert",
      deliveryId: flaky.id,
      engagement: { id: engagementId },
      run: { id: run.id, trigger: "SCHEDULE", url: expect.stringMatching(new RegExp(`/engagements/${engagementId}/runs/${run.id}$`)) },
      counts: { newCritical: 1, newHigh: 0, drift: 1 },
      findings: [{ title: "Redis reachable without authentication", severity: "CRITICAL", host: "db-1" }],
      drift: [{ host: "db-1", kind: "LISTENER", change: "NEW", summary: "new listener tcp 0.0.0.0:8000 (python3)" }],
    });

    const down = await waitFor("the failing delivery", async () => {
      const d = await db().webhookDelivery.findFirst({ where: { runId: run.id, webhook: { urlShown: { endsWith: "/down" } } } });
      return d?.status !== "PENDING" && d;
    });
    expect(down).toMatchObject({ status: "FAILED", attempts: env.PALISADE_WEBHOOK_RETRY_LIMIT + 1, responseStatus: 500, lastError: "The receiver answered HTTP 500 Internal Server Error" });
    const downRequests = receiver.received.filter((r) => r.path === "/down");
    expect(downRequests).toHaveLength(3);
    expect(downRequests.every((r) => r.signatureValid)).toBe(true);
    expect(JSON.parse(downRequests[0]!.body).text).toBe("Palisade: 1 new critical finding, 1 drift item in " + (await db().engagement.findUniqueOrThrow({ where: { id: engagementId }, include: { client: true } }).then((e) => `${e.name} (${e.client.name})`)));
    expect(receiver.received.some((r) => r.path === "/ok/disabled")).toBe(false);

    // Ending the same run again (another host's late call) notifies no one twice.
    await finishRunIfDone(run.id);
    expect(await db().webhookDelivery.count({ where: { runId: run.id } })).toBe(2);
  });

  it("stays silent for a run with nothing new at Critical/High and no drift", async () => {
    const run = await runWith({ medium: "Only a medium" });
    await finishRunIfDone(run.id);
    expect(await db().run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "COMPLETED" });
    expect(await db().webhookDelivery.count({ where: { runId: run.id } })).toBe(0);
  });

  it("fails a delivery whose secret was copied from another webhook (it is bound to its row) without sending it", async () => {
    await db().webhook.updateMany({ where: { engagementId }, data: { enabled: false } });
    const { webhook } = await createWebhook({ actor: consultant.actor, engagementId, input: { url: `${receiver.base}/ok/swapped`, format: "GENERIC", secret: "" } });
    const donor = await db().webhook.findFirstOrThrow({ where: { engagementId, id: { not: webhook.id } }, omit: { secret: false } });
    await db().webhook.update({ where: { id: webhook.id }, data: { secret: donor.secret } });
    const run = await runWith({ critical: "Another critical" });
    await finishRunIfDone(run.id);
    const delivery = await waitFor("the undecryptable delivery", async () => {
      const d = await db().webhookDelivery.findFirst({ where: { runId: run.id } });
      return d?.status !== "PENDING" && d;
    });
    expect(delivery).toMatchObject({ webhookId: webhook.id, status: "FAILED", attempts: 3, responseStatus: null, lastError: expect.stringContaining("could not be decrypted") });
    expect(receiver.received.some((r) => r.path === "/ok/swapped")).toBe(false);
  });

  it("never puts a secret or the URL's token in a payload, the log or the audit log", async () => {
    const payloads = JSON.stringify(await db().webhookDelivery.findMany({ select: { payload: true, lastError: true } }));
    const audit = JSON.stringify(await db().auditLog.findMany({ select: { details: true } }));
    const bodies = receiver.received.map((r) => r.body).join("\n");
    expect(secrets.size).toBeGreaterThan(0);
    for (const secret of secrets.values()) {
      for (const text of [payloads, audit, bodies, output.join("\n")]) expect(text).not.toContain(secret);
    }
    for (const text of [payloads, audit, bodies, output.join("\n")]) expect(text).not.toContain("path-token");
    expect(output.some((line) => line.includes("will retry"))).toBe(true);
  });
});
