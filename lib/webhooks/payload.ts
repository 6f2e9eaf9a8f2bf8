// Notification bodies, pure data in and out. What goes out is deliberately
// little: names, counts, finding titles and drift summaries, and a link back
// to Palisade where the evidence is. Never secrets, never raw host output.

export type TWebhookFormat = "GENERIC" | "SLACK";
export type TAlertFinding = { title: string; severity: "CRITICAL" | "HIGH"; host: string };
export type TAlertDrift = { host: string; kind: string; change: string; summary: string };

export type TRunAlert = {
  engagement: { id: string; name: string; client: string };
  run: { id: string; url: string; status: string; kind: string; trigger: string; finishedAt: string | null };
  findings: TAlertFinding[];
  drift: TAlertDrift[];
};

export type TPing = { engagement: { id: string; name: string; client: string }; url: string };

export const ALERT_EVENT = "run.alert";
export const PING_EVENT = "ping";

// Lists are capped so one noisy run cannot make a body Slack (or anyone) rejects; counts stay exact.
export const MAX_ITEMS = 50;
const SLACK_LINES = 10;

// deliveryId and createdAt are inside the signed body, so a receiver can
// drop replays (a delivery id seen before, or one created long ago); retries
// of one delivery send the same body.
export function buildAlertBody(format: TWebhookFormat, alert: TRunAlert, meta: { deliveryId: string; createdAt: string }) {
  const counts = {
    newCritical: alert.findings.filter((f) => f.severity === "CRITICAL").length,
    newHigh: alert.findings.filter((f) => f.severity === "HIGH").length,
    drift: alert.drift.length,
  };
  if (format === "SLACK") return slackAlert(alert, counts);
  return {
    event: ALERT_EVENT,
    deliveryId: meta.deliveryId,
    createdAt: meta.createdAt,
    engagement: alert.engagement,
    run: alert.run,
    counts,
    findings: alert.findings.slice(0, MAX_ITEMS),
    drift: alert.drift.slice(0, MAX_ITEMS),
  };
}

export function buildPingBody(format: TWebhookFormat, ping: TPing, meta: { deliveryId: string; createdAt: string }) {
  const line = `Palisade test notification for ${ping.engagement.name} (${ping.engagement.client}): this webhook is set up.`;
  if (format === "SLACK") return { text: escapeSlack(line), blocks: [{ type: "section", text: { type: "mrkdwn", text: `${escapeSlack(line)}\n<${ping.url}|Open the engagement>` } }] };
  return { event: PING_EVENT, deliveryId: meta.deliveryId, createdAt: meta.createdAt, engagement: ping.engagement, url: ping.url };
}

function slackAlert(alert: TRunAlert, counts: { newCritical: number; newHigh: number; drift: number }) {
  const parts = [
    counts.newCritical && `${counts.newCritical} new critical`,
    counts.newHigh && `${counts.newHigh} new high`,
  ].filter(Boolean);
  const findingsPart = parts.length ? `${parts.join(" and ")} finding${counts.newCritical + counts.newHigh === 1 ? "" : "s"}` : "";
  const driftPart = counts.drift ? `${counts.drift} drift item${counts.drift === 1 ? "" : "s"}` : "";
  const what = [findingsPart, driftPart].filter(Boolean).join(", ");
  const where = `${alert.engagement.name} (${alert.engagement.client})`;
  const text = escapeSlack(`Palisade: ${what} in ${where}`);
  const list = (lines: string[]) => {
    const shown = lines.slice(0, SLACK_LINES).map((l) => `• ${escapeSlack(l.length > 200 ? `${l.slice(0, 199)}…` : l)}`);
    if (lines.length > SLACK_LINES) shown.push(`…and ${lines.length - SLACK_LINES} more`);
    return shown.join("\n");
  };
  const blocks: object[] = [{ type: "section", text: { type: "mrkdwn", text: `*${text}*` } }];
  if (alert.findings.length) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*New findings*\n${list(alert.findings.map((f) => `${f.severity.toLowerCase()}: ${f.title} on ${f.host}`))}` } });
  }
  if (alert.drift.length) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Drift from the baseline*\n${list(alert.drift.map((d) => `${d.host}: ${d.summary}`))}` } });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `<${alert.run.url}|Review run ${alert.run.id}> · ${alert.run.trigger === "SCHEDULE" ? "scheduled" : "manual"} ${alert.run.kind.toLowerCase()} run` }] });
  return { text, blocks };
}

// Slack reads &, < and > as markup (<url|label> links, <!channel> mentions);
// host labels and drift summaries come from users and hosts, so they are escaped.
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
