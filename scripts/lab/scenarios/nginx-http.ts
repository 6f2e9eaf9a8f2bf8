import type { TScenario } from "./types";

export const nginxHttp: TScenario = {
  id: "nginx-http",
  title: "nginx on :80 only (no TLS)",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["nginx.service"],
  probes: [{ port: 80, kind: "http" }],
  expected: {
    outcome: "audited",
    services: ["nginx.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
      { proto: "tcp", address: "[::]", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
    ],
    findings: [
      {
        severity: "high",
        proto: "tcp",
        port: 80,
        bind: "0.0.0.0",
        owner: { process: "nginx", user: "root", unit: "nginx.service", exe: "/usr/sbin/nginx" },
        reason: "A known web server serves plain HTTP on every interface with no TLS listener beside it.",
      },
    ],
  },
};
