// Strategy 1, by the service's own configuration file: the change a
// maintainer of that service would make, surviving restarts and upgrades.
import type { TListenerOwner } from "../facts";
import { backupCommands, dropBackupCommand, fileToRead, restoreCommand } from "./backup";
import { programName } from "./listener-owner";
import { safePath, safeUnit, shq, UnsafeValue } from "./shell";
import type { TStrategyResult } from "./types";

type TConfigEdit = {
  service: string;
  file: string;
  unit: string;
  // sed -E scripts, each applied in place; then lines that must be present.
  seds: string[];
  ensureLines: string[];
  restart: "restart" | "reload";
  // Checked before anything changes (e.g. `nginx -t`), and again after the edit.
  check?: string;
  grepSetting: string;
  expected: string;
};

function configEdit(e: TConfigEdit, port: number, proto: "tcp" | "udp", tag: string): TStrategyResult {
  const file = shq(e.file);
  const unit = shq(e.unit);
  const applyCheck = e.check ? [e.check] : [];
  return {
    ok: true,
    step: {
      strategy: "BIND_LOCALHOST",
      title: `Bind ${e.service} to localhost in ${e.file}`,
      why: `${e.service} reads its listen address from ${e.file}: the address is changed there and ${e.unit} is ${e.restart}ed, so the change survives restarts and package upgrades.`,
      commands: [
        `test -f ${file}`,
        ...backupCommands(tag, [e.file]),
        ...e.seds.map((s) => `sed -i -E ${shq(s)} ${file}`),
        ...e.ensureLines.map((l) => `grep -qxF -e ${shq(l)} ${file} || printf '%s\\n' ${shq(l)} >> ${file}`),
        ...applyCheck,
        `systemctl ${e.restart} ${unit}`,
      ],
      expectedAfter: e.expected,
      verifyCommands: [`ss -H -${proto === "tcp" ? "t" : "u"}lnp ${shq(`sport = :${port}`)}`, `grep -nE ${shq(e.grepSetting)} ${file}`, `systemctl is-active ${unit}`],
      rollbackCommands: [restoreCommand(tag, e.file), ...applyCheck, `systemctl ${e.restart} ${unit}`, dropBackupCommand(tag)],
      files: [fileToRead(e.file)],
    },
  };
}

// postgres names its configuration file on its command line (Debian's
// pg_ctlcluster starts it with -c config_file=...).
function postgresConfig(owner: TListenerOwner): string {
  const arg = (owner.cmdline ?? []).flatMap((a) => a.split(/\s+/)).find((a) => a.startsWith("config_file="));
  if (!arg) throw new UnsafeValue("postgres's command line does not name its config_file");
  return safePath(arg.slice("config_file=".length), "postgres config file");
}

export function bindByServiceConfig(owner: TListenerOwner, port: number, tag: string, osId: string | null): TStrategyResult {
  const name = programName(owner);
  const unit = owner.systemdUnit;
  const proto = owner.proto;
  if (name === "redis-server" && unit === "redis-server.service") {
    return configEdit(
      {
        service: "Redis",
        file: "/etc/redis/redis.conf",
        unit,
        seds: ["s/^[[:space:]]*bind[[:space:]].*$/bind 127.0.0.1 -::1/"],
        ensureLines: ["bind 127.0.0.1 -::1"],
        restart: "restart",
        grepSetting: "^[[:space:]]*bind[[:space:]]",
        expected: `redis-server listens on 127.0.0.1:${port} (and [::1]:${port}) only; nothing answers on ${port} from another interface. /etc/redis/redis.conf has the single line "bind 127.0.0.1 -::1".`,
      },
      port,
      proto,
      tag,
    );
  }
  if (name === "memcached" && unit === "memcached.service") {
    return configEdit(
      {
        service: "memcached",
        file: "/etc/memcached.conf",
        unit,
        // -U 0 turns the UDP port off: memcached over UDP is an amplification vector.
        seds: ["s/^-l[[:space:]].*$/-l 127.0.0.1/", "s/^-U[[:space:]].*$/-U 0/"],
        ensureLines: ["-l 127.0.0.1", "-U 0"],
        restart: "restart",
        grepSetting: "^-(l|U)[[:space:]]",
        expected: `memcached listens on 127.0.0.1:${port} over TCP only; no UDP port ${port}, nothing on another interface.`,
      },
      port,
      proto,
      tag,
    );
  }
  if ((name === "postgres" || name === "postmaster") && unit) {
    return configEdit(
      {
        service: "PostgreSQL",
        file: postgresConfig(owner),
        unit: safeUnit(unit),
        seds: ["s/^[#[:space:]]*listen_addresses[[:space:]]*=.*$/listen_addresses = 'localhost'/"],
        ensureLines: ["listen_addresses = 'localhost'"],
        restart: "restart",
        grepSetting: "^[[:space:]]*listen_addresses",
        expected: `postgres listens on 127.0.0.1:${port} and [::1]:${port} only.`,
      },
      port,
      proto,
      tag,
    );
  }
  if (name === "nginx" && unit === "nginx.service") {
    if (osId !== "debian" && osId !== "ubuntu") return { ok: false, why: `nginx's listen directives are edited automatically only in the Debian/Ubuntu default site; this host's OS is ${osId ?? "unknown"}` };
    return configEdit(
      {
        service: "nginx",
        file: "/etc/nginx/sites-available/default",
        unit,
        seds: [
          `s/^([[:space:]]*listen[[:space:]]+)${port}([[:space:];])/\\1127.0.0.1:${port}\\2/`,
          `s/^([[:space:]]*listen[[:space:]]+)\\[::\\]:${port}([[:space:];])/\\1[::1]:${port}\\2/`,
        ],
        ensureLines: [],
        restart: "reload",
        check: "nginx -t",
        grepSetting: "^[[:space:]]*listen[[:space:]]",
        expected: `nginx listens on 127.0.0.1:${port} and [::1]:${port} only for the default site.`,
      },
      port,
      proto,
      tag,
    );
  }
  return { ok: false, why: `no configuration file Palisade knows sets ${name}'s listen address` };
}
