import type { TFirewall, THostFacts, TListener, TListenerOwner, TSourced } from "@/lib/audit/facts";
import type { TTx } from "@/lib/server/db";

type TInventory = {
  os?: THostFacts["os"];
  hostname?: string | null;
  uname?: THostFacts["uname"];
  identity?: THostFacts["identity"];
  toolStates?: THostFacts["toolStates"];
  hidden?: string[];
  firewalls?: { tool: TFirewall["tool"]; active: boolean; defaultInputPolicy: string | null; evidence: string[] }[];
};

// A host run's stored facts back in the engine's shape, for planning a
// hardening step from exactly what that run saw. Owners exist only for
// sockets forensics examined (those not on loopback), as in phase 2.
export async function loadHostFacts(tx: TTx, hostRunId: string): Promise<THostFacts> {
  const where = { hostRunId };
  const [run, listeners, services, containers, cronJobs, timers, rules] = await Promise.all([
    tx.hostRun.findUniqueOrThrow({ where: { id: hostRunId }, select: { inventory: true } }),
    tx.listener.findMany({ where, orderBy: { id: "asc" } }),
    tx.service.findMany({ where, orderBy: { id: "asc" } }),
    tx.container.findMany({ where, orderBy: { id: "asc" } }),
    tx.cronJob.findMany({ where, orderBy: { id: "asc" } }),
    tx.timer.findMany({ where, orderBy: { id: "asc" } }),
    tx.firewallRule.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  const inv = (run.inventory ?? {}) as TInventory;
  const proto = (p: string) => (p === "udp" ? "udp" : "tcp") as "tcp" | "udp";
  return {
    os: inv.os ?? null,
    hostname: inv.hostname ?? null,
    uname: inv.uname ?? null,
    identity: inv.identity ?? null,
    toolStates: inv.toolStates ?? {},
    hidden: inv.hidden ?? [],
    services: services.map((s) => ({ unit: s.unit, load: s.load, active: s.active, sub: s.sub, description: s.description, evidence: s.evidenceKeys })),
    listeners: listeners.map(
      (l): TSourced<TListener> => ({
        proto: proto(l.proto),
        state: l.state,
        address: l.address,
        interface: l.interface,
        port: l.port,
        family: l.family as TListener["family"],
        bindScope: l.bindScope as TListener["bindScope"],
        processes: l.processes as TListener["processes"],
        processInfoHidden: l.processInfoHidden,
        evidence: l.evidenceKeys,
      }),
    ),
    owners: listeners
      .filter((l) => l.bindScope !== "loopback")
      .map(
        (l): TSourced<TListenerOwner> => ({
          proto: proto(l.proto),
          address: l.address,
          port: l.port,
          pid: l.pid,
          processName: l.processName,
          exe: l.exe,
          exeDeleted: l.exeDeleted,
          cmdline: l.cmdline.length ? l.cmdline : null,
          cwd: l.cwd,
          user: l.user,
          uid: l.uid,
          ppid: l.ppid,
          parentCmdline: l.parentCmdline.length ? l.parentCmdline : null,
          systemdUnit: l.systemdUnit,
          containerId: l.containerId,
          publishedBy: (l.publishedBy as TListenerOwner["publishedBy"]) ?? null,
          startedAt: l.processStartedAt,
          hidden: l.ownerHidden,
          evidence: l.evidenceKeys,
        }),
      ),
    containers: containers.map((c) => ({ runtime: c.runtime as "docker" | "podman", id: c.containerId, image: c.image, names: c.names, status: c.status, ports: c.ports as THostFacts["containers"][number]["ports"], command: c.command, evidence: c.evidenceKeys })),
    cronJobs: cronJobs.map((c) => ({ source: c.source, schedule: c.schedule, user: c.user, command: c.command, evidence: c.evidenceKeys })),
    timers: timers.map((t) => ({ unit: t.unit, activates: t.activates, next: null, last: null, evidence: t.evidenceKeys })),
    firewalls: (inv.firewalls ?? []).map((f) => ({
      tool: f.tool,
      active: f.active,
      defaultInputPolicy: f.defaultInputPolicy,
      evidence: f.evidence,
      rules: rules
        .filter((r) => r.tool === f.tool)
        .map((r) => ({ tool: f.tool, chain: r.chain, action: r.action, proto: r.proto === "tcp" || r.proto === "udp" ? r.proto : null, ports: r.ports, source: r.source, raw: r.raw })),
    })),
  };
}
