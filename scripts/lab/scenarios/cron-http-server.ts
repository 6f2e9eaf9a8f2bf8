import type { TScenario } from "./types";

export const cronHttpServer: TScenario = {
  id: "cron-http-server",
  title: "A bare python3 -m http.server started from /tmp by a user's crontab",
  reach: "up",
  auditUser: { name: "root", sudo: "root" },
  users: [{ name: "dev", shell: "/bin/bash" }],
  crontabs: [
    {
      user: "dev",
      lines: [
        "# share build artefacts with the team (temporary!)",
        "@reboot cd /tmp && /usr/bin/python3 -m http.server 8000 >/dev/null 2>&1",
      ],
    },
  ],
  files: [{ path: "/tmp/build-artefacts.txt", content: "release notes and a stray .env copy\n", owner: "dev" }],
  timers: [
    {
      name: "tmp-sweep",
      description: "Sweep old files from /tmp",
      onCalendar: "hourly",
      execStart: "/usr/bin/find /tmp -maxdepth 1 -type f -mtime +7 -delete",
    },
  ],
  probes: [{ port: 8000, kind: "http" }],
  expected: {
    outcome: "audited",
    services: [],
    listeners: [{ proto: "tcp", address: "0.0.0.0", port: 8000, process: "python3", unit: "cron.service", user: "dev" }],
    findings: [
      {
        severity: "critical",
        proto: "tcp",
        port: 8000,
        bind: "0.0.0.0",
        owner: { process: "python3", user: "dev", unit: "cron.service", exe: "/usr/bin/python3.11", cwd: "/tmp" },
        reason:
          "A bare HTTP file server with no authentication or TLS serves /tmp on every interface; it was started by dev's @reboot crontab, not by any service.",
      },
    ],
  },
};
