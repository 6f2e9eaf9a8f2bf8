import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hostFacts, listener, owner } from "@/lib/audit/rules/testing/facts-factory";
import { makeEngagement, makeHost } from "@/lib/testing/factories";
import { makeFinding } from "@/lib/testing/findings-factory";
import { recordTestHostRun } from "@/lib/testing/record-test-host-run";
import { signIn } from "./support/auth";
import { testDb } from "./support/db";
import { e2eState } from "./support/state";

// A verification run's page: per judged step, the before/after of the finding's socket (ss and
// /proc/net) with evidence links, beside the step's commands, its verify commands and its
// rollback; the finding is shown resolved. Host output stays text.

let engagementId = "";
let runId = "";

test.beforeAll(async () => {
  const d = testDb();
  const { consultant } = e2eState().users;
  const tag = randomBytes(3).toString("hex");
  engagementId = (await makeEngagement(d, { name: `Acme verify ${tag}`, memberIds: [consultant.id] })).id;
  const host = await makeHost(d, { engagementId, address: "10.9.3.4", label: "cache-01.acme.test" });
  const redis = listener("0.0.0.0", 6379, { name: "redis-server", pid: 35 });
  const before = await recordTestHostRun(d, { hostId: host.id, startedById: consultant.id, facts: hostFacts({ listeners: [redis], owners: [owner(redis, { exe: "/usr/bin/redis-server", user: "redis" })] }) });
  const finding = await makeFinding(d, { engagementId, hostId: host.id, status: "CONFIRMED", port: 6379, proto: "tcp", title: "Redis reachable without authentication" });
  await d.finding.update({ where: { id: finding.id }, data: { address: "0.0.0.0", lastHostRunId: before.hostRunId } });
  await d.hardeningStep.create({
    data: {
      engagementId, hostId: host.id, findingId: finding.id, strategy: "BIND_LOCALHOST", title: "Bind Redis to localhost", rationale: "r",
      commands: ["sed -i 's/^bind .*/bind 127.0.0.1 -::1/' /etc/redis/redis.conf", "systemctl restart redis-server"], expectedAfter: "loopback only",
      verifyCommands: ["ss -H -tlnp 'sport = :6379'"], rollbackCommands: ["cp /var/backups/palisade-x/redis.conf /etc/redis/redis.conf", "systemctl restart redis-server"],
      status: "APPLIED", proposedById: consultant.id, beforeHostRunId: before.hostRunId,
    },
  });
  const loop = listener("127.0.0.1", 6379, { name: "redis-server", pid: 36 });
  runId = (
    await recordTestHostRun(d, {
      hostId: host.id, startedById: consultant.id, kind: "VERIFICATION", facts: hostFacts({ listeners: [loop] }),
      checks: { procNet: [{ proto: "tcp", family: "ipv4", address: "127.0.0.1", port: 6379, state: "LISTEN", uid: 101, inode: 7, evidence: ["proc-net"] }], procNetKeys: ["proc-net"], notes: [], steps: [], outside: [] },
    })
  ).runId;
});

test("a verification run shows each step's before/after next to its commands and rollback", async ({ page }) => {
  await signIn(page, e2eState().users.consultant);
  await page.goto(`/engagements/${engagementId}/runs/${runId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Verification run" })).toBeVisible();
  const step = page.getByTestId("verification-step");
  await expect(step).toHaveCount(1);
  await expect(step.getByTestId("step-diff-text")).toHaveText("tcp/6379: before 0.0.0.0:6379; after 127.0.0.1:6379: now bound to 127.0.0.1/::1 only");
  await expect(step.getByText("verified", { exact: true })).toBeVisible();
  await expect(step.getByRole("link", { name: "resolved" })).toBeVisible();
  await expect(step.getByRole("row", { name: /after \(\/proc\/net\) 127\.0\.0\.1:6379/ })).toBeVisible();
  await expect(step.getByRole("link", { name: "proc-net" })).toHaveAttribute("href", /\/evidence\//);
  await expect(step.getByText("systemctl restart redis-server").first()).toBeVisible();
  await expect(step.getByText(/cp \/var\/backups\/palisade-x\/redis\.conf/)).toBeVisible();
});
