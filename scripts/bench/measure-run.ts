import { readFileSync, writeFileSync } from "node:fs";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { startRun } from "@/lib/domain/runs/start-run";
import type { TActor } from "@/lib/domain/actor";
import { db } from "@/lib/server/db";
import { limitsFromEnv, startWorker } from "@/lib/worker/worker";
import { env } from "@/lib/server/env";

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

// Peak RSS of the worker's run alone: the bench seeds its hosts in this same process first, and
// that scaffolding (the web's job in real use) is not the worker's. Linux resets the high-water
// mark (VmHWM) when 5 is written to clear_refs; where it cannot, the lifetime peak stands in.
function resetPeakRss(): boolean {
  // The seeding's garbage goes first, or the reset would start from the heap it left behind.
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}
const lifetimePeakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
function peakRssSinceResetMb(): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  return kb ? Math.round(Number(kb) / 1024) : lifetimePeakRssMb();
}

// Starts a run over the engagement, works it with one in-process worker, and
// measures what the issue asks: wall time, throughput, per-host latency,
// rows written, failures, and the worker's peak RSS.
export async function measureRun({ actor, engagementId, concurrency, probes = true }: { actor: TActor; engagementId: string; concurrency: number; probes?: boolean }) {
  const runOnly = resetPeakRss();
  const worker = await startWorker({ concurrency, limits: limitsFromEnv(env), probes });
  const started = performance.now();
  const run = await startRun({ actor, engagementId });
  for (;;) {
    const { status } = await db().run.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
    if (status !== "QUEUED" && status !== "RUNNING") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallMs = performance.now() - started;
  const peakRssMb = runOnly ? peakRssSinceResetMb() : lifetimePeakRssMb();
  await worker.stop();

  const hostRuns = await db().hostRun.findMany({ where: { runId: run.id }, select: { status: true, durationMs: true, failureReason: true, host: { select: { label: true } } } });
  const durations = hostRuns.flatMap((h) => (h.durationMs == null ? [] : [h.durationMs])).sort((a, b) => a - b);
  const where = { hostRun: { runId: run.id } };
  const [evidence, listeners, services, containers, cronJobs, timers, firewallRules, probeRows, findings] = await Promise.all([
    db().evidence.count({ where }), db().listener.count({ where }), db().service.count({ where }), db().container.count({ where }),
    db().cronJob.count({ where }), db().timer.count({ where }), db().firewallRule.count({ where }), db().probe.count({ where }),
    db().finding.count({ where: { lastRunId: run.id } }),
  ]);
  const failed = hostRuns.filter((h) => h.status !== "DONE");
  return {
    hosts: hostRuns.length,
    wallSeconds: +(wallMs / 1000).toFixed(2),
    hostsPerSecond: +(hostRuns.length / (wallMs / 1000)).toFixed(1),
    p50HostMs: percentile(durations, 50),
    p95HostMs: percentile(durations, 95),
    failedHosts: failed.length,
    failures: Object.entries(failed.reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.failureReason ?? h.status]: (acc[h.failureReason ?? h.status] ?? 0) + 1 }), {})),
    dbRows: { hostRuns: hostRuns.length, evidence, listeners, services, containers, cronJobs, timers, firewallRules, probes: probeRows, findings, total: hostRuns.length + evidence + listeners + services + containers + cronJobs + timers + firewallRules + probeRows + findings },
    // The worker's run (see resetPeakRss), and the whole bench process including its seeding.
    peakRssMb,
    peakRssScope: runOnly ? "worker run" : "whole process",
    processPeakRssMb: lifetimePeakRssMb(),
  };
}
