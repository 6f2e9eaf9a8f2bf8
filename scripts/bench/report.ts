// `npm run bench -- report --findings 500`: a report of that many findings
// from a throwaway Postgres to PDF bytes. Times buildReportModel and
// renderReportPdf (one Chromium launch, one print; the contents' page numbers
// are written into that PDF), and samples the memory of node and of Chromium's
// processes.
import fs from "node:fs";
import os from "node:os";
import { buildReportModel } from "@/lib/report/build-report-model";
import { renderReportPdf } from "@/lib/report/render-report-pdf";
import { db } from "@/lib/server/db";
import { seedReportEngagement } from "@/lib/testing/report-factory";
import { startBenchDatabase } from "./bench-database";
import { statTimes } from "./cpu-account";

const TARGET_500_MS = 4000;

// The processes descended from this one (Chromium's browser, renderer, GPU and
// utility processes), read from /proc; empty where there is no /proc.
function descendants(root: number): number[] {
  let stats: { pid: number; ppid: number }[];
  try {
    stats = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return [{ pid: Number(pid), ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) }];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const s of stats) if (s.ppid === parent) (out.push(s.pid), queue.push(s.pid));
  }
  return out;
}

const rssKb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

const isChromium = (pid: number) => {
  try {
    return /chrom/i.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "");
  } catch {
    return false;
  }
};

// CPU time of one process so far (utime + stime), in ms.
const cpuMsOf = (pid: number) => (statTimes(String(pid))?.self ?? 0) * 1000;

// Peak RSS while `work` runs: node's own, and the sum over its child processes.
async function sampled<T>(work: () => Promise<T>) {
  // RSS never gives back what seeding and the model's queries took: the render's own share is its peak minus this.
  const nodeStart = process.memoryUsage().rss;
  let nodePeak = 0;
  let childPeak = 0;
  // Last CPU time seen per child process; a process's final 100 ms may be missed.
  const childCpu = new Map<number, number>();
  const sample = () => {
    nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
    // Only Chromium's processes: the bench's Postgres descends from this process too.
    const pids = descendants(process.pid).filter(isChromium);
    childPeak = Math.max(childPeak, pids.reduce((n, pid) => n + rssKb(pid) * 1024, 0));
    for (const pid of pids) childCpu.set(pid, Math.max(childCpu.get(pid) ?? 0, cpuMsOf(pid)));
  };
  const timer = setInterval(sample, 100);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    sample();
    const used = process.cpuUsage(cpu);
    return { result, ms: performance.now() - started, nodeCpuMs: (used.user + used.system) / 1000, chromiumCpuMs: [...childCpu.values()].reduce((a, b) => a + b, 0), nodeStartMb: Math.round(nodeStart / 2 ** 20), nodePeakMb: Math.round(nodePeak / 2 ** 20), chromiumPeakMb: Math.round(childPeak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

export async function benchReport({ findings, hosts, out }: { findings: number; hosts: number; out?: string }) {
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  const database = await startBenchDatabase();
  try {
    const seedStarted = performance.now();
    const seeded = await seedReportEngagement(db(), { findings, hosts });
    console.log(`seeded ${findings} findings on ${hosts} hosts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const input = {
      engagementId: seeded.engagementId,
      version: 1,
      title: "Security assessment",
      classification: "CONFIDENTIAL",
      summary: "",
      draftedBy: { name: seeded.consultant.name, email: seeded.consultant.email },
      publishedBy: { name: seeded.reviewer.name, email: seeded.reviewer.email },
      publishedAt: new Date(),
    };
    const model = await sampled(() => buildReportModel(db(), input));
    console.log(`buildReportModel ${Math.round(model.ms)} ms (model JSON ${(JSON.stringify(model.result).length / 2 ** 20).toFixed(1)} MB)`);
    const pdf = await sampled(() => renderReportPdf(model.result));
    console.log(`renderReportPdf  ${Math.round(pdf.ms)} ms, ${pdf.result.pageCount} pages, ${(pdf.result.pdf.length / 2 ** 20).toFixed(1)} MB${pdf.result.reprinted ? ` (printed twice: ${pdf.result.reprinted})` : ""}`);
    if (out) fs.writeFileSync(out, pdf.result.pdf);
    const totalMs = Math.round(model.ms + pdf.ms);
    return {
      bench: "report",
      findings,
      hosts,
      modelMs: Math.round(model.ms),
      renderMs: Math.round(pdf.ms),
      totalMs,
      // On a shared box wall time includes waiting for a core; CPU time does not.
      cpuMs: { model: Math.round(model.nodeCpuMs), renderNode: Math.round(pdf.nodeCpuMs), renderChromium: Math.round(pdf.chromiumCpuMs) },
      loadAverage: os.loadavg()[0],
      pageCount: pdf.result.pageCount,
      bytes: pdf.result.pdf.length,
      // Node's resident memory before and at the peak of each phase (in the app the render runs in a child process of its own).
      nodeRssMb: { model: { start: model.nodeStartMb, peak: model.nodePeakMb }, render: { start: pdf.nodeStartMb, peak: pdf.nodePeakMb } },
      chromiumPeakRssMb: pdf.chromiumPeakMb || null,
      target: findings === 500 ? { totalMs: TARGET_500_MS, met: totalMs <= TARGET_500_MS } : null,
    };
  } finally {
    await db().$disconnect();
    await database.stop();
  }
}
