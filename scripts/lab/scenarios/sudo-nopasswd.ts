import type { TScenario } from "./types";

export const sudoNopasswd: TScenario = {
  id: "sudo-nopasswd",
  title: "The audit user is not root but may run `sudo -n`",
  reach: "up",
  auditUser: { name: "audit", sudo: "nopasswd" },
  users: [{ name: "audit", shell: "/bin/bash" }],
  services: ["nginx.service", "redis-server.service"],
  files: [{ path: "/etc/sudoers.d/audit", content: "audit ALL=(root) NOPASSWD: ALL\n", mode: 0o440 }],
  timers: [
    {
      name: "logrotate-nginx",
      description: "Rotate nginx logs",
      onCalendar: "daily",
      execStart: "/usr/bin/find /var/log/nginx -name '*.log' -size +100M -delete",
    },
  ],
  probes: [
    { port: 80, kind: "http" },
    { port: 6379, kind: "redis" },
  ],
  expected: {
    outcome: "audited",
    services: ["nginx.service", "redis-server.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
      { proto: "tcp", address: "[::]", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
      { proto: "tcp", address: "127.0.0.1", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
      { proto: "tcp", address: "[::1]", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
    ],
    findings: [
      {
        severity: "high",
        proto: "tcp",
        port: 80,
        bind: "0.0.0.0",
        owner: { process: "nginx", user: "root", unit: "nginx.service", exe: "/usr/sbin/nginx" },
        reason: "Plain HTTP from a known web server on every interface; ownership seen through `sudo -n`.",
      },
      {
        severity: "low",
        proto: "tcp",
        port: 6379,
        bind: "127.0.0.1",
        owner: { process: "redis-server", user: "redis", unit: "redis-server.service" },
        reason: "Datastore on loopback only.",
      },
    ],
  },
};
