import type { TScenario } from "./types";

export const hostKeyChanged: TScenario = {
  id: "host-key-changed",
  title: "The host presents a key other than the one recorded for it",
  reach: "host-key-changed",
  auditUser: { name: "root", sudo: "root" },
  services: ["nginx.service"],
  expected: {
    // The audit must refuse the connection: no command runs, no findings, a clear reason.
    outcome: "host-key-mismatch",
    services: ["nginx.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
      { proto: "tcp", address: "[::]", port: 80, process: "nginx", unit: "nginx.service", user: "root" },
    ],
    findings: [],
  },
};
