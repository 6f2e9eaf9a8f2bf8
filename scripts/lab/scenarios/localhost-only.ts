import type { TScenario } from "./types";

export const localhostOnly: TScenario = {
  id: "localhost-only",
  title: "PostgreSQL and Redis bound to 127.0.0.1 / ::1 only",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["postgresql.service", "redis-server.service"],
  probes: [
    { port: 5432, kind: "postgres" },
    { port: 6379, kind: "redis" },
  ],
  expected: {
    outcome: "audited",
    services: ["postgresql@15-main.service", "redis-server.service"],
    listeners: [
      { proto: "tcp", address: "127.0.0.1", port: 5432, process: "postgres", unit: "postgresql@15-main.service", user: "postgres" },
      { proto: "tcp", address: "[::1]", port: 5432, process: "postgres", unit: "postgresql@15-main.service", user: "postgres" },
      { proto: "tcp", address: "127.0.0.1", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
      { proto: "tcp", address: "[::1]", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
    ],
    findings: [
      {
        severity: "low",
        proto: "tcp",
        port: 5432,
        bind: "127.0.0.1",
        owner: { process: "postgres", user: "postgres", unit: "postgresql@15-main.service" },
        reason: "Datastore reachable from loopback only.",
      },
      {
        severity: "low",
        proto: "tcp",
        port: 6379,
        bind: "127.0.0.1",
        owner: { process: "redis-server", user: "redis", unit: "redis-server.service" },
        reason: "Datastore reachable from loopback only (protected-mode on).",
      },
    ],
  },
};
