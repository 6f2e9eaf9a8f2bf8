import type { TScenario } from "./types";

export const dualStack: TScenario = {
  id: "dual-stack",
  title: "A dual-stack *:9100 listener and an IPv6-only [::]:8080 listener",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  users: [{ name: "metrics" }],
  services: ["nginx.service"],
  remove: ["/etc/nginx/sites-enabled/default"],
  files: [
    {
      path: "/etc/nginx/sites-enabled/v6-only",
      content: [
        "server {",
        "    listen [::]:8080 ipv6only=on;",
        "    root /var/www/html;",
        "}",
        "",
      ].join("\n"),
    },
    { path: "/srv/metrics/index.html", content: "# HELP up 1\nup 1\n", owner: "metrics" },
  ],
  units: [
    {
      name: "metrics-exporter.service",
      description: "Ad-hoc metrics exporter",
      user: "metrics",
      workingDirectory: "/srv/metrics",
      // Python's http.server binds '::' with IPV6_V6ONLY=0: one socket for both families.
      execStart: "/usr/bin/python3 -m http.server --bind :: 9100",
    },
  ],
  probes: [
    { port: 9100, kind: "http" },
    { port: 8080, kind: "http" },
  ],
  expected: {
    outcome: "audited",
    services: ["metrics-exporter.service", "nginx.service"],
    listeners: [
      { proto: "tcp", address: "*", port: 9100, process: "python3", unit: "metrics-exporter.service", user: "metrics" },
      { proto: "tcp", address: "[::]", port: 8080, process: "nginx", unit: "nginx.service", user: "root" },
    ],
    findings: [
      {
        severity: "critical",
        proto: "tcp",
        port: 9100,
        bind: "*",
        owner: { process: "python3", user: "metrics", unit: "metrics-exporter.service", cwd: "/srv/metrics" },
        reason: "A bare HTTP server without auth or TLS on every IPv4 and IPv6 interface (dual-stack socket).",
      },
      {
        severity: "high",
        proto: "tcp",
        port: 8080,
        bind: "[::]",
        owner: { process: "nginx", user: "root", unit: "nginx.service", exe: "/usr/sbin/nginx" },
        reason: "A known web server on plain HTTP on every IPv6 interface (IPv6 only: 127.0.0.1:8080 refuses, [::1]:8080 answers).",
      },
    ],
  },
};
