// Test helper: audit every lab scenario's demo-fleet replica once (real ssh2 servers on
// 127.0.0.1 replaying the captured hosts), the way lib/audit/audit-host.test.ts does.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SCENARIOS } from "../../../../scripts/lab/scenarios";
import { loadCaptures } from "../../../../scripts/lab/sim/capture-format";
import { startSimFleet, type TSimFleet } from "../../../../scripts/lab/sim/fleet";
import { auditHost } from "../../audit-host";
import type { THostAuditResult } from "../../audit-types";
import type { TClassificationInput } from "../../classification-types";
import { standInProbes } from "./stand-in-probes";
import { testFleetBasePort } from "@/lib/testing/fleet-port";

// `only`: audit just these scenarios (the fleet still serves them all).
export async function auditLabFleet(only?: string[]): Promise<Map<string, THostAuditResult>> {
  const dir = mkdtempSync(path.join(tmpdir(), "palisade-rules-test-"));
  let fleet: TSimFleet | null = null;
  try {
    // A random base port below the ephemeral range: tests run beside other work.
    for (let attempt = 0; !fleet; attempt++) {
      try {
        fleet = await startSimFleet({ hosts: SCENARIOS.length, dir, basePort: testFleetBasePort(SCENARIOS.length) });
      } catch (err) {
        if (attempt > 5 || !/EADDRINUSE/.test(String(err))) throw err;
      }
    }
    const privateKey = readFileSync(fleet.manifest.clientKeyPath, "utf8");
    // All at once: most of a host's time is spent waiting on probes' idle timeouts.
    const hosts = fleet.manifest.hosts.filter((h) => !only || only.includes(h.scenario));
    const audited = await Promise.all(
      hosts.map(async (h) => [h.scenario, await auditHost({ address: h.address, port: h.port, username: h.username, auth: { kind: "key", privateKey }, pinnedFingerprint: h.hostKeyFingerprint })] as const),
    );
    return new Map(audited);
  } finally {
    await fleet?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The classification input of one audited scenario, exposure INTERNET, with probes from:
// "engine": what auditHost returned (none while probes are not wired); "none": discovery only,
// as when the host refuses port forwarding; "stand-ins": the test double built from the
// capture's recorded exchanges (./stand-in-probes.ts).
export type TProbeSource = "engine" | "none" | "stand-ins";

export function engineProbes(r: THostAuditResult): TClassificationInput["probes"] | null {
  return r.ok ? ((r as { probes?: TClassificationInput["probes"] }).probes ?? null) : null;
}

export function labInput(results: Map<string, THostAuditResult>, scenario: string, probes: TProbeSource = "none"): TClassificationInput {
  const r = results.get(scenario);
  if (!r?.ok) throw new Error(`${scenario} was not audited: ${r ? r.message : "no result"}`);
  const chosen =
    probes === "engine" ? (engineProbes(r) ?? []) : probes === "stand-ins" ? standInProbes(loadCaptures().find((c) => c.scenario === scenario)!, r.facts.listeners) : [];
  return { exposure: "INTERNET", facts: r.facts, probes: chosen };
}
