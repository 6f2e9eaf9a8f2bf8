import type { TDb } from "@/lib/server/db";

// A finished host run that saw redis-server on 0.0.0.0:PORT (as the redis-open lab host
// shows it: Debian 12, root audit user, nft present with an empty ruleset), stored the way
// the worker stores facts, for planning hardening steps in tests and e2e.
export async function seedRedisHostRun(db: TDb, opts: { engagementId: string; hostId: string; startedById: string; ports?: number[] }) {
  const run = await db.run.create({ data: { engagementId: opts.engagementId, startedById: opts.startedById, status: "COMPLETED", finishedAt: new Date() } });
  const hostRun = await db.hostRun.create({
    data: {
      runId: run.id,
      hostId: opts.hostId,
      status: "DONE",
      finishedAt: new Date(),
      inventory: {
        os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)", name: "Debian GNU/Linux" },
        hostname: "lab01-redis-open",
        identity: { uid: 0, user: "root", gid: 0, groups: ["root"] },
        toolStates: { "nft-ruleset": "empty", iptables: "command-not-found", "ufw-status": "command-not-found" },
        hidden: [],
        firewalls: [],
      },
    },
  });
  for (const [i, port] of (opts.ports ?? [6379]).entries()) {
    const pid = 311 + i;
    await db.listener.create({
      data: {
        hostRunId: hostRun.id, proto: "tcp", address: "0.0.0.0", port, family: "ipv4", bindScope: "all", state: "LISTEN",
        processes: [{ name: "redis-server", pid, fd: 6 }], pid, processName: "redis-server", exe: "/usr/bin/redis-check-rdb",
        cmdline: [`/usr/bin/redis-server 0.0.0.0:${port}`], cwd: "/var/lib/redis", user: "redis", uid: 100, ppid: 1, systemdUnit: "redis-server.service", evidenceKeys: ["ss-tcp"],
      },
    });
  }
  await db.service.create({ data: { hostRunId: hostRun.id, unit: "redis-server.service", load: "loaded", active: "active", sub: "running", description: "Advanced key-value store" } });
  return { runId: run.id, hostRunId: hostRun.id };
}
