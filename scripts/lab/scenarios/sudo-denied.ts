import type { TScenario } from "./types";

export const sudoDenied: TScenario = {
  id: "sudo-denied",
  title: "The audit user is not root and may not sudo: no process info for other users' sockets",
  reach: "up",
  auditUser: { name: "audit", sudo: "none" },
  users: [{ name: "audit", shell: "/bin/bash" }],
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
        // The truth; the audit sees no owner (ss prints no users:(...) without privileges) and
        // must say so rather than guess. The HTTP probe's Server header names nginx.
        owner: { process: "nginx", user: "root", unit: "nginx.service" },
        reason:
          "Plain HTTP on every interface. Owner not visible to a non-root audit user without sudo: reported as limited visibility, identified by the HTTP probe only.",
      },
    ],
  },
};
