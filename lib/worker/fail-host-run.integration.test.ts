import { describe, expect, it } from "vitest";
import { startRun } from "@/lib/domain/runs/start-run";
import { db } from "@/lib/server/db";
import { generateEd25519 } from "@/scripts/lab/keys";
import { seedFleetEngagement } from "@/lib/testing/seed-fleet-engagement";
import { failHostRun } from "./fail-host-run";

process.env.PALISADE_SECRET ??= "integration-test-secret-0123456789abcdef";

describe("a host whose job failed on its last attempt", () => {
  it("fails alone with a clear reason and lets its run end", async () => {
    const key = generateEd25519("test").privateKey;
    const hosts = [1, 2].map((i) => ({ label: `h${i}`, address: `10.9.9.${i}`, port: 22, username: "root", hostKeyFingerprint: null }));
    const { actor, engagementId } = await seedFleetEngagement(hosts, key);
    const run = await startRun({ actor, engagementId });
    const hostRuns = await db().hostRun.findMany({ where: { runId: run.id } });
    await db().hostRun.updateMany({ where: { runId: run.id }, data: { status: "FORENSICS" } });

    await failHostRun(hostRuns[0]!.id, "boom");
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).finishedAt).toBeNull();
    await failHostRun(hostRuns[1]!.id, "boom");

    const ended = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { hostRuns: true } });
    expect(ended.status).toBe("COMPLETED_WITH_ERRORS");
    expect(ended.hostRuns.map((h) => [h.status, h.error])).toEqual([
      ["FAILED", "Palisade could not finish this host: boom"],
      ["FAILED", "Palisade could not finish this host: boom"],
    ]);
  });
});
