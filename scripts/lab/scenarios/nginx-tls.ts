import type { TScenario } from "./types";

export const nginxTls: TScenario = {
  id: "nginx-tls",
  title: "nginx with TLS on :443 only",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  services: ["nginx.service"],
  remove: ["/etc/nginx/sites-enabled/default"],
  files: [
    {
      path: "/etc/nginx/sites-enabled/tls",
      content: [
        "server {",
        "    listen 443 ssl;",
        "    listen [::]:443 ssl;",
        "    server_name _;",
        "    ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;",
        "    ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    root /var/www/html;",
        "    location / { try_files $uri $uri/ =404; }",
        "}",
        "",
      ].join("\n"),
    },
  ],
  probes: [{ port: 443, kind: "https" }],
  expected: {
    outcome: "audited",
    services: ["nginx.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 443, process: "nginx", unit: "nginx.service", user: "root" },
      { proto: "tcp", address: "[::]", port: 443, process: "nginx", unit: "nginx.service", user: "root" },
    ],
    findings: [
      {
        severity: "low",
        proto: "tcp",
        port: 443,
        bind: "0.0.0.0",
        owner: { process: "nginx", user: "root", unit: "nginx.service", exe: "/usr/sbin/nginx" },
        reason: "A known web server reachable only over TLS 1.2+; public exposure is documented intent (self-signed certificate noted).",
      },
    ],
  },
};
