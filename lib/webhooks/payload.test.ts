import { describe, expect, it } from "vitest";
import { buildAlertBody, buildPingBody, escapeSlack, MAX_ITEMS, type TRunAlert } from "./payload";

const alert: TRunAlert = {
  engagement: { id: "e1", name: "Acme prod", client: "Acme" },
  run: { id: "r1", url: "http://localhost:3000/engagements/e1/runs/r1", status: "COMPLETED", kind: "AUDIT", trigger: "SCHEDULE", finishedAt: "2026-03-27T12:00:00.000Z" },
  findings: [
    { title: "Redis reachable without authentication", severity: "CRITICAL", host: "db-1" },
    { title: "Grafana on a public interface", severity: "HIGH", host: "mon-1" },
    { title: "Bare HTTP server from /tmp", severity: "CRITICAL", host: "<!channel>" },
  ],
  drift: [{ host: "web-1", kind: "LISTENER", change: "NEW", summary: "new listener tcp 0.0.0.0:8000 (python3)" }],
};
const meta = { deliveryId: "wd1", createdAt: "2026-03-27T12:00:01.000Z" };

describe("the generic alert body", () => {
  it("carries the engagement, the run link, counts, the new findings and the drift", () => {
    expect(buildAlertBody("GENERIC", alert, meta)).toEqual({
      event: "run.alert",
      deliveryId: "wd1",
      createdAt: "2026-03-27T12:00:01.000Z",
      engagement: alert.engagement,
      run: alert.run,
      counts: { newCritical: 2, newHigh: 1, drift: 1 },
      findings: alert.findings,
      drift: alert.drift,
    });
  });

  it("caps the lists but keeps the counts exact", () => {
    const many = { ...alert, findings: Array.from({ length: MAX_ITEMS + 7 }, (_, i) => ({ title: `f${i}`, severity: "HIGH" as const, host: "h" })) };
    const body = buildAlertBody("GENERIC", many, meta) as { counts: { newHigh: number }; findings: unknown[] };
    expect(body.counts.newHigh).toBe(MAX_ITEMS + 7);
    expect(body.findings).toHaveLength(MAX_ITEMS);
  });
});

describe("the Slack alert body", () => {
  const body = buildAlertBody("SLACK", alert, meta) as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };

  it("is { text, blocks } with a one-line summary", () => {
    expect(Object.keys(body).sort()).toEqual(["blocks", "text"]);
    expect(body.text).toBe("Palisade: 2 new critical and 1 new high findings, 1 drift item in Acme prod (Acme)");
  });

  it("lists findings and drift and links to the run", () => {
    const texts = body.blocks.map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(" ")).join("\n");
    expect(texts).toContain("• critical: Redis reachable without authentication on db-1");
    expect(texts).toContain("• web-1: new listener tcp 0.0.0.0:8000 (python3)");
    expect(texts).toContain("<http://localhost:3000/engagements/e1/runs/r1|Review run r1> · scheduled audit run");
  });

  it("escapes what Slack would read as a mention or a link", () => {
    const texts = JSON.stringify(body.blocks);
    expect(texts).not.toContain("<!channel>");
    expect(texts).toContain("&lt;!channel&gt;");
    expect(escapeSlack("a & <b>")).toBe("a &amp; &lt;b&gt;");
  });

  it("says drift only when there are no findings", () => {
    const driftOnly = buildAlertBody("SLACK", { ...alert, findings: [] }, meta) as { text: string; blocks: unknown[] };
    expect(driftOnly.text).toBe("Palisade: 1 drift item in Acme prod (Acme)");
    expect(driftOnly.blocks).toHaveLength(3);
  });
});

describe("the ping body", () => {
  const ping = { engagement: alert.engagement, url: "http://localhost:3000/engagements/e1" };
  it("is a ping event in the generic format", () => {
    expect(buildPingBody("GENERIC", ping, meta)).toEqual({ event: "ping", deliveryId: "wd1", createdAt: meta.createdAt, engagement: alert.engagement, url: ping.url });
  });
  it("is a message in the Slack format", () => {
    expect(buildPingBody("SLACK", ping, meta)).toMatchObject({ text: "Palisade test notification for Acme prod (Acme): this webhook is set up." });
  });
});
