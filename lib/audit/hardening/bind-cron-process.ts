// Strategy 1 for a process a crontab line starts (e.g. `@reboot cd /tmp &&
// python3 -m http.server 8000`): there is no service to configure, so the
// crontab line itself gets a loopback bind, and the running process is
// replaced by one started from the edited line, as its crontab user.
import type { TCronJob, THostFacts, TListenerOwner } from "../facts";
import { backupDir, dropBackupCommand } from "./backup";
import { safeArgs, safeUser, shq, UnsafeValue } from "./shell";
import type { TStrategyResult } from "./types";

// Programs whose command line can take a loopback bind, and how.
function withLoopbackBind(args: string[]): string[] | null {
  const m = args.indexOf("-m");
  if (m >= 0 && args[m + 1] === "http.server") {
    const rest = args.slice(m + 2);
    const bind = rest.findIndex((a) => a === "--bind" || a === "-b");
    const kept = bind >= 0 ? [...rest.slice(0, bind), ...rest.slice(bind + 2)] : rest;
    return [...args.slice(0, m + 2), "--bind", "127.0.0.1", ...kept];
  }
  return null;
}

function cronJobOf(owner: TListenerOwner, facts: THostFacts, launch: string): TCronJob | null {
  const viaShell = owner.parentCmdline?.[0] === "/bin/sh" && owner.parentCmdline[1] === "-c" ? owner.parentCmdline[2] : null;
  const jobs = facts.cronJobs.filter((j) => j.source.startsWith("crontab -l") && (j.command === viaShell || j.command.includes(launch)));
  return jobs.length === 1 ? jobs[0]! : null;
}

export function bindCronProcess(owner: TListenerOwner, port: number, facts: THostFacts, tag: string): TStrategyResult {
  if (owner.systemdUnit !== "cron.service") return { ok: false, why: "the process was not started by cron" };
  const args = safeArgs(owner.cmdline, "process's command line");
  const launch = args.join(" ");
  const program = args[0]!;
  const job = cronJobOf(owner, facts, launch);
  if (!job) return { ok: false, why: `no single user crontab line starts "${launch}"` };
  const rebound = withLoopbackBind(args);
  if (!rebound) return { ok: false, why: `Palisade does not know how to give ${program} a listen address on its command line` };
  const user = safeUser(job.user);
  if (/[\n\r\\%]/.test(job.command)) throw new UnsafeValue("the crontab line has characters (newline, backslash or %) that cron or awk would re-interpret");
  const newCommand = job.command.replace(launch, rebound.join(" "));
  const saved = `${backupDir(tag)}/crontab.${user}`;
  const edited = `${saved}.new`;
  // awk reads the strings from the environment: -v would interpret backslashes.
  const swap = `OLD=${shq(job.command)} NEW=${shq(newCommand)} awk '{ i = index($0, ENVIRON["OLD"]); if (i) { $0 = substr($0, 1, i - 1) ENVIRON["NEW"] substr($0, i + length(ENVIRON["OLD"])); n++ } print } END { exit (n == 1 ? 0 : 1) }' ${saved} > ${edited}`;
  const sport = shq(`sport = :${port}`);
  const flag = owner.proto === "tcp" ? "t" : "u"; // ss -t or -u
  // Only the process holding this port: its pids as ss reports them.
  const killListener = `pids=$(ss -H -${flag}lnp ${sport} | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); test -n "$pids" && kill $pids`;
  // As cron runs it: the user's shell line from their home directory, detached from this session,
  // and in cron.service's cgroup as a cron-started process is (unified, legacy name=systemd and
  // hybrid hierarchies alike), so the host looks as it did: a rollback restores the listener's
  // owning unit too, not just the port (the lab's acceptance compares the whole inventory).
  // Where the move is not possible the process still starts.
  const intoCron = `g=$(systemctl show -p ControlGroup --value cron.service) && for d in /sys/fs/cgroup /sys/fs/cgroup/systemd /sys/fs/cgroup/unified; do [ -w "$d$g/cgroup.procs" ] && echo $$ > "$d$g/cgroup.procs"; done`;
  const start = (cmd: string) => `cd / && setsid -f sh -c ${shq(`${intoCron}; exec runuser -u ${user} -- sh -c ${shq(`cd "$HOME" && ${cmd}`)}`)} </dev/null >/dev/null 2>&1`;
  // Until nothing listens on the port any more (the old process has let go of it).
  const waitGone = `sh -c ${shq(`for i in $(seq 1 50); do ss -H -${flag}ln ${sport} | grep -q . || exit 0; sleep 0.1; done; exit 1`)}`;
  const waitFor = (what: string) => `for i in $(seq 1 50); do ss -H -${flag}ln ${sport} | grep -q ${shq(what)} && exit 0; sleep 0.1; done; exit 1`;
  return {
    ok: true,
    step: {
      strategy: "BIND_LOCALHOST",
      title: `Bind ${user}'s cron-started ${program.split("/").pop()} on port ${port} to 127.0.0.1`,
      why: `The listener is "${launch}", started by ${user}'s crontab line "${job.schedule} ${job.command}", not by a service: the crontab line gets --bind 127.0.0.1, and the running process is replaced by one started from the edited line as ${user}.`,
      commands: [
        `mkdir -p -m 700 ${backupDir(tag)}`,
        `crontab -l -u ${user} > ${saved}`,
        swap,
        `crontab -u ${user} ${edited}`,
        killListener,
        waitGone,
        start(newCommand),
        `sh -c ${shq(waitFor(`127.0.0.1:${port} `))}`,
      ],
      expectedAfter: `${user}'s crontab line reads "${job.schedule} ${newCommand}"; ${program} listens on 127.0.0.1:${port} only, nothing on ${owner.address}:${port}.`,
      verifyCommands: [`ss -H -${flag}lnp ${sport}`, `crontab -l -u ${user}`],
      rollbackCommands: [
        `crontab -u ${user} ${saved}`,
        killListener,
        waitGone,
        start(job.command),
        `sh -c ${shq(waitFor(`:${port} `))}`,
        dropBackupCommand(tag),
      ],
      files: [{ path: `/var/spool/cron/crontabs/${user}`, readCommand: `crontab -l -u ${user}`, state: "not-read", before: null }],
    },
  };
}
