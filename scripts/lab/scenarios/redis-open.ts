import type { TScenario } from "./types";

export const redisOpen: TScenario = {
  id: "redis-open",
  title: "Redis on 0.0.0.0 without a password",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["redis-server.service"],
  files: [
    {
      path: "/etc/redis/redis.conf",
      edits: [
        ["bind 127.0.0.1 -::1", "bind 0.0.0.0"],
        ["protected-mode yes", "protected-mode no"],
      ],
    },
  ],
  probes: [{ port: 6379, kind: "redis" }],
  expected: {
    outcome: "audited",
    services: ["redis-server.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
    ],
    findings: [
      {
        severity: "critical",
        proto: "tcp",
        port: 6379,
        bind: "0.0.0.0",
        owner: { process: "redis-server", user: "redis", unit: "redis-server.service" },
        reason: "Redis answers PING without AUTH on every interface: an exposed datastore with no authentication.",
      },
    ],
  },
};
