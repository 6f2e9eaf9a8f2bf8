import type { TScenario } from "./types";

export const udpMemcached: TScenario = {
  id: "udp-memcached",
  title: "memcached on 0.0.0.0 with its UDP port open",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["memcached.service"],
  files: [
    {
      path: "/etc/memcached.conf",
      edits: [["-l 127.0.0.1", "-l 0.0.0.0\n-U 11211"]],
    },
  ],
  probes: [{ port: 11211, kind: "memcached" }],
  expected: {
    outcome: "audited",
    services: ["memcached.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 11211, process: "memcached", unit: "memcached.service", user: "memcache" },
      { proto: "udp", address: "0.0.0.0", port: 11211, process: "memcached", unit: "memcached.service", user: "memcache" },
    ],
    findings: [
      {
        severity: "critical",
        proto: "tcp",
        port: 11211,
        bind: "0.0.0.0",
        owner: { process: "memcached", user: "memcache", unit: "memcached.service", exe: "/usr/bin/memcached" },
        reason: "memcached has no authentication and answers on every interface.",
      },
      {
        severity: "critical",
        proto: "udp",
        port: 11211,
        bind: "0.0.0.0",
        owner: { process: "memcached", user: "memcache", unit: "memcached.service", exe: "/usr/bin/memcached" },
        reason: "memcached over UDP on every interface: unauthenticated and a known amplification vector.",
      },
    ],
  },
};
