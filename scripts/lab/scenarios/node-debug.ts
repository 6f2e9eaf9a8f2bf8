import type { TScenario } from "./types";

const SERVER_JS = `// shop-api: a small service that someone left in debug mode
const http = require("http");
http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, path: req.url }));
  })
  .listen(3000, "127.0.0.1");
`;

export const nodeDebug: TScenario = {
  id: "node-debug",
  title: "A node service with its inspector (debug port) open on 0.0.0.0:9229",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  users: [{ name: "app" }],
  files: [{ path: "/srv/shop-api/server.js", content: SERVER_JS, owner: "app" }],
  units: [
    {
      name: "shop-api.service",
      // Non-ASCII on purpose: descriptions come from unit files and show up in systemctl output.
      description: "Shop API — Bestellungen & Größen (ショップ)",
      user: "app",
      workingDirectory: "/srv/shop-api",
      execStart: "/usr/bin/node --inspect=0.0.0.0:9229 /srv/shop-api/server.js",
    },
  ],
  probes: [
    { port: 9229, kind: "node-inspector" },
    { port: 3000, kind: "http" },
  ],
  expected: {
    outcome: "audited",
    services: ["shop-api.service"],
    listeners: [
      { proto: "tcp", address: "0.0.0.0", port: 9229, process: "node", unit: "shop-api.service", user: "app" },
      { proto: "tcp", address: "127.0.0.1", port: 3000, process: "node", unit: "shop-api.service", user: "app" },
    ],
    findings: [
      {
        severity: "critical",
        proto: "tcp",
        port: 9229,
        bind: "0.0.0.0",
        owner: { process: "node", user: "app", unit: "shop-api.service", exe: "/usr/bin/node", cwd: "/srv/shop-api" },
        reason: "The V8 inspector is a remote-code-execution endpoint with no authentication, open on every interface.",
      },
      {
        severity: "low",
        proto: "tcp",
        port: 3000,
        bind: "127.0.0.1",
        owner: { process: "node", user: "app", unit: "shop-api.service", exe: "/usr/bin/node", cwd: "/srv/shop-api" },
        reason: "Application port on loopback only.",
      },
    ],
  },
};
