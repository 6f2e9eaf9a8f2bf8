// A network-facing process started long after the others: a crash and restart, a config
// change, an upgrade, or a replaced binary. Worth a look even when nothing else is wrong.
import type { TRule } from "../classification-types";
import type { TListenerOwner } from "../facts";
import { endpointDraft } from "./draft";
import { exposedEndpoints } from "./endpoints";

const ID = "recently-restarted-listener";

// Later than the median start of the other network-facing processes by this much.
const GAP_SECONDS = 60 * 60;
// With fewer processes to compare against, "later than the others" means little.
const MIN_OTHERS = 2;

// ps lstart ("Sat Nov 21 05:54:04 2026") in the host's time zone: fine for comparing
// processes of the same host with each other, which is all this does.
export function startSeconds(o: Pick<TListenerOwner, "startedAt">): number | null {
  if (!o.startedAt) return null;
  const m = /^\w{3} (\w{3})\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(o.startedAt.trim());
  if (!m) return null;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].indexOf(m[1]!);
  if (month === -1) return null;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function humanGap(seconds: number): string {
  if (seconds >= 86_400) return `${Math.round(seconds / 86_400)} days`;
  if (seconds >= 3_600) return `${Math.round(seconds / 3_600)} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}

export const recentlyRestartedListener: TRule = {
  id: ID,
  title: "Network-facing process restarted recently",
  cwe: null,
  classify: (input) => {
    const endpoints = exposedEndpoints(input).filter((e) => e.owner?.pid != null && startSeconds(e.owner) !== null);
    const starts = new Map<number, number>();
    for (const e of endpoints) starts.set(e.owner!.pid!, startSeconds(e.owner!)!);
    return endpoints.flatMap((e) => {
      const pid = e.owner!.pid!;
      const others = [...starts].filter(([p]) => p !== pid).map(([, s]) => s);
      if (others.length < MIN_OTHERS) return [];
      const gap = starts.get(pid)! - median(others);
      if (gap < GAP_SECONDS) return [];
      return [
        endpointDraft(input, e, {
          ruleId: ID,
          title: `${e.owner!.processName ?? "Process"} on ${e.proto}/${e.port} restarted ${humanGap(gap)} after the other services`,
          base: "MEDIUM",
          baseReason: "Medium: a recently restarted network-facing service (crash loop, configuration change or replaced binary) needs an explanation",
          why: [`It started ${e.owner!.startedAt}, ${humanGap(gap)} after the median start of the ${others.length} other network-facing processes.`],
          confidence: "medium",
          confidenceReason: "start times come from ps; why it restarted is not in the facts (check `journalctl -u <unit>`).",
          omitProbe: true,
          reproduce: [`ps -o pid,lstart,etime,cmd -p ${[pid, ...[...starts.keys()].filter((p) => p !== pid)].join(",")}`],
        }),
      ];
    });
  },
};
