import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db } from "@/lib/server/db";
import { encryptSecret } from "@/lib/server/crypto";
import { makeEngagement } from "@/lib/testing/factories";
import { limitsFromEnv, startWorker } from "@/lib/worker/worker";
import { env } from "@/lib/server/env";
import { startSimFleet } from "@/scripts/lab/sim/fleet";

// The audit journey needs hosts to audit and a worker: the demo fleet's
// simulated SSH hosts on 127.0.0.1 (below the ephemeral port range) and an
// in-process worker, as `npm start` runs them.
export async function startE2eFleet({ memberIds }: { memberIds: string[] }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-e2e-fleet-"));
  const fleet = await startSimFleet({ hosts: 13, dir, basePort: 24_000 + Math.floor(Math.random() * 6_000) });
  const privateKey = await fs.readFile(fleet.manifest.clientKeyPath, "utf8");
  const engagement = await makeEngagement(db(), { name: "Demo fleet (e2e)", memberIds });
  const credentialId = `ce2efleet${engagement.id.slice(-16)}`;
  await db().credential.create({
    data: { id: credentialId, engagementId: engagement.id, label: "fleet key", kind: "PRIVATE_KEY", username: "root", secret: encryptSecret(JSON.stringify({ kind: "PRIVATE_KEY", privateKey, passphrase: "" }), credentialId) },
  });
  await db().host.createMany({
    data: fleet.manifest.hosts.map((h) => ({ engagementId: engagement.id, label: h.label, address: h.address, port: h.port, username: h.username, hostKeyFingerprint: h.hostKeyFingerprint, simulated: true, exposure: "INTERNET" as const, credentialId })),
  });
  const worker = await startWorker({ concurrency: 8, limits: limitsFromEnv(env) });
  return {
    engagement: { id: engagement.id, name: engagement.name },
    async stop() {
      await worker.stop({ graceMs: 2_000 });
      await fleet.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
