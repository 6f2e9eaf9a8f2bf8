import type { TScenario } from "./types";

export const firewalled: TScenario = {
  id: "firewalled",
  title: "nftables drops one exposed port (6379) and leaves another (80) open",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["nginx.service", "redis-server.service", "nftables.service"],
  files: [
    {
      path: "/etc/redis/redis.conf",
      edits: [
        ["bind 127.0.0.1 -::1", "bind 0.0.0.0"],
        ["protected-mode yes", "protected-mode no"],
      ],
    },
  ],
  nftables: [
    "#!/usr/sbin/nft -f",
    "flush ruleset",
    "table inet filter {",
    "  chain input {",
    "    type filter hook input priority filter; policy accept;",
    '    iifname "lo" accept',
    "    tcp dport 6379 drop",
    "  }",
    "}",
    "",
  ].join("\n"),
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
      { proto: "tcp", address: "0.0.0.0", port: 6379, process: "redis-server", unit: "redis-server.service", user: "redis" },
    ],
    findings: [
      {
        severity: "high",
        proto: "tcp",
        port: 80,
        bind: "0.0.0.0",
        owner: { process: "nginx", user: "root", unit: "nginx.service", exe: "/usr/sbin/nginx" },
        reason: "Plain HTTP on every interface and not covered by the firewall.",
      },
      {
        severity: "medium",
        proto: "tcp",
        port: 6379,
        bind: "0.0.0.0",
        owner: { process: "redis-server", user: "redis", unit: "redis-server.service" },
        reason:
          "Redis without a password bound to every interface; the nftables input chain drops tcp/6379, so the firewall is the only control (bind it to localhost).",
      },
    ],
  },
};
