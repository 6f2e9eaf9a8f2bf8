// A network listener whose process runs from a scratch or home directory, or whose executable
// has been deleted: not how packaged services run, and exactly how dropped malware and
// forgotten experiments do.
import type { TClassificationInput, TRule } from "../classification-types";
import type { TCronJob, TListenerOwner, TSourced } from "../facts";
import { endpointDraft } from "./draft";
import { exposedEndpoints } from "./endpoints";

const ID = "unexpected-listener-process";

const SCRATCH = ["/tmp", "/var/tmp", "/dev/shm"];
const HOMES = ["/home", "/root", "/run/user"];
const under = (path: string, dirs: string[]) => dirs.find((d) => path === d || path.startsWith(`${d}/`)) ?? null;

export function oddities(o: TListenerOwner): string[] {
  const found: string[] = [];
  if (o.exeDeleted) found.push(`its executable${o.exe ? ` ${o.exe}` : ""} has been deleted since it started (a replaced or self-deleting binary)`);
  const exeDir = o.exe ? under(o.exe, [...SCRATCH, ...HOMES]) : null;
  if (o.exe && exeDir) found.push(`its executable ${o.exe} lives under ${exeDir}, not in a system or package directory`);
  const cwdDir = o.cwd ? under(o.cwd, SCRATCH) : null;
  if (o.cwd && cwdDir) found.push(`it runs in ${o.cwd}, a world-writable scratch directory`);
  return found;
}

// What started it, when the facts tell: the cron job whose command its parent runs, or a unit.
function startedBy(input: TClassificationInput, o: TListenerOwner): { text: string; evidence: string[] } {
  // cron runs a job as `/bin/sh -c COMMAND`: the parent's last argument, or the process itself.
  const parentRuns = o.parentCmdline && o.parentCmdline.length >= 3 && /(^|\/)(ba|da)?sh$/.test(o.parentCmdline[0] ?? "") ? o.parentCmdline[o.parentCmdline.length - 1] : null;
  const own = (o.cmdline ?? []).join(" ");
  const job: TSourced<TCronJob> | undefined = input.facts.cronJobs.find((j) => j.command === parentRuns || j.command === own);
  if (job) return { text: `It was started by a cron job (${job.source}: \`${job.schedule} ${job.command}\`)${job.user ? ` of user ${job.user}` : ""}, not by a service of its own.`, evidence: job.evidence };
  if (o.systemdUnit && /^(cron|crond)\.service$/.test(o.systemdUnit)) return { text: `It runs in ${o.systemdUnit}'s control group: started by cron, not by a service of its own.`, evidence: [] };
  if (o.systemdUnit && /^session-.*\.scope$/.test(o.systemdUnit)) return { text: `It runs in ${o.systemdUnit}: started by hand from a login session.`, evidence: [] };
  return { text: "", evidence: [] };
}

export const unexpectedListenerProcess: TRule = {
  id: ID,
  title: "Listener run by a process from an unexpected place",
  cwe: 1327, // Binding to an Unrestricted IP Address
  classify: (input) =>
    exposedEndpoints(input).flatMap((e) => {
      const found = e.owner ? oddities(e.owner) : [];
      if (found.length === 0) return [];
      const origin = startedBy(input, e.owner!);
      return [
        endpointDraft(input, e, {
          ruleId: ID,
          title: `Unexpected process ${e.owner!.processName ?? e.owner!.exe ?? ""} listens on ${e.proto}/${e.port}`,
          base: "CRITICAL",
          baseReason: "Critical: an unknown or unexpected process (not run the way packaged services run) reachable from a non-loopback interface",
          why: [`The process behind the port is unexpected: ${found.join("; ")}.`, origin.text].filter(Boolean),
          confidence: "high",
          confidenceReason: "read directly from /proc (exe and cwd links) by the audit.",
          evidence: origin.evidence,
          omitProbe: true,
        }),
      ];
    }),
};
