// Phase 2: who owns each port that is reachable from outside the host. For every listener not
// bound to loopback: the owning process's exe, cmdline, cwd, user, parent, systemd unit and
// container, and for docker-proxy the container that publishes the port.
import { assertPid, FORENSICS_COMMANDS } from "../command-set";
import type { TContainer, TListener, TListenerOwner, TSocketProcess, TSourced, TUser } from "../facts";
import { dockerProxyTarget } from "../parsers/proc-cmdline/parse";
import type { TDiscovery } from "./discovery";
import { parseProcOutput } from "./parse-output";
import { probeProcesses, type TProcInfo } from "./proc-probe";
import { notRootReason, recordPrivilegedMany, type TAuditSession } from "./session";
import { emptyOwner } from "../empty-owner";

// nginx lists its master and every worker on one socket; the owner is the one whose parent is
// not itself on the list (the master). Workers are examined too: they may run as another user.
function mainProcess(processes: TSocketProcess[], infos: Map<number, TProcInfo>): TSocketProcess | null {
  const pids = new Set(processes.map((p) => p.pid));
  const parentOf = (p: TSocketProcess) => infos.get(p.pid)?.status?.ppid ?? infos.get(p.pid)?.ps?.ppid ?? null;
  return processes.find((p) => !pids.has(parentOf(p) ?? -1)) ?? processes[0] ?? null;
}

function publisherOf(cmdline: string[] | null, containers: TSourced<TContainer>[], hidden: string[]): TListenerOwner["publishedBy"] {
  const target = cmdline ? dockerProxyTarget(cmdline) : null;
  if (!target) return null;
  const c = containers.find((x) => x.ports.some((p) => p.hostPort === target.hostPort && p.proto === target.proto));
  if (!c) {
    hidden.push(`container: docker-proxy forwards port ${target.hostPort} to ${target.containerIp}:${target.containerPort}, but no listed container publishes it`);
    return null;
  }
  return { containerId: c.id, name: c.names[0] ?? c.id.slice(0, 12), image: c.image };
}


export async function runForensics(session: TAuditSession, discovery: TDiscovery): Promise<TSourced<TListenerOwner>[]> {
  const exposed = discovery.facts.listeners.filter((l) => l.bindScope !== "loopback");
  const users = new Map<number, TUser>(discovery.users.map((u) => [u.uid, u]));
  // Every PID behind an exposed socket, examined in one batch.
  const infos = await probeProcesses(session, exposed.flatMap((l) => l.processes.map((p) => p.pid)));
  // Then, in a second batch, the parents not already examined (nginx's workers point at their
  // master, which was): PID 1 is init and PID 0 the kernel, "started by the service manager"
  // needs no read.
  const parentOf = (l: TListener) => {
    if (l.processes.length === 0) return null;
    const info = infos.get(mainProcess(l.processes, infos)!.pid)!;
    const ppid = info.status?.ppid ?? info.ps?.ppid ?? null;
    return ppid !== null && ppid > 1 ? ppid : null;
  };
  const unread = [...new Set(exposed.flatMap((l) => parentOf(l) ?? []))].filter((ppid) => !infos.has(ppid));
  const cmdlineCommand = FORENSICS_COMMANDS.find((f) => f.id === "proc-cmdline")!;
  const parentRuns = await recordPrivilegedMany(
    session,
    unread.map((ppid) => ({ key: `proc-cmdline:${assertPid(ppid)}`, phase: "forensics" as const, commandId: cmdlineCommand.id, command: cmdlineCommand.command(ppid), needsRoot: cmdlineCommand.needsRoot })),
  );
  const parents = new Map<number, { argv: string[] | null; key: string | null; hidden: string | null }>(
    unread.map((ppid, i) => {
      const r = parentRuns[i]!;
      if (r.run.exitCode !== 0) return [ppid, { argv: null, key: r.key, hidden: `parent cmdline: could not be read (${r.evidence.stderr.trim().slice(0, 120) || r.outcome})` }];
      const parsed = parseProcOutput(cmdlineCommand.parser, r.text, { key: r.key, command: r.run.command, auditUser: session.privilege.user });
      return [ppid, { argv: parsed.cmdline, key: r.key, hidden: null }];
    }),
  );
  for (const [pid, p] of infos) parents.set(pid, { argv: p.cmdline, key: `proc-cmdline:${pid}`, hidden: null });

  return exposed.map((l): TSourced<TListenerOwner> => {
    if (l.processes.length === 0) {
      const why = session.privilege.isRoot || session.privilege.sudo === "works"
        ? "owner: ss names no process for this socket (a kernel socket, or the process exited)"
        : `owner: ss shows no process for this socket: ${notRootReason(session)}`;
      return { ...emptyOwner(l, [why]), evidence: [...l.evidence] };
    }
    const main = mainProcess(l.processes, infos)!;
    const info = infos.get(main.pid)!;
    const hidden = [...info.hidden];
    const ppid = info.status?.ppid ?? info.ps?.ppid ?? null;
    const evidence = [...l.evidence, ...info.evidence];
    let parentArgv: string[] | null = null;
    const parent = ppid !== null && ppid > 1 ? parents.get(ppid) : undefined;
    if (parent) {
      parentArgv = parent.argv;
      if (parent.key) evidence.push(parent.key);
      if (parent.hidden) hidden.push(parent.hidden);
    }
    const uid = info.status?.uid ?? null;
    const others = l.processes.filter((p) => p.pid !== main.pid).map((p) => p.pid);
    if (others.length > 0) {
      for (const pid of others) evidence.push(...(infos.get(pid)?.evidence ?? []));
    }
    return {
      proto: l.proto,
      address: l.address,
      port: l.port,
      pid: main.pid,
      processName: info.status?.name ?? main.name,
      exe: info.exe?.path ?? null,
      exeDeleted: info.exe?.deleted ?? false,
      cmdline: info.cmdline,
      cwd: info.cwd,
      user: info.ps?.user ?? (uid !== null ? (users.get(uid)?.name ?? null) : null),
      uid,
      ppid,
      parentCmdline: parentArgv,
      systemdUnit: info.cgroup?.systemdUnit ?? null,
      containerId: info.cgroup?.containerId ?? null,
      publishedBy: publisherOf(info.cmdline, discovery.facts.containers, hidden),
      startedAt: info.ps?.startedAt ?? null,
      hidden,
      evidence: [...new Set(evidence)],
    };
  });
}
