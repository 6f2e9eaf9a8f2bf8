import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadFixtures, PARSERS_DIR } from "./load-fixtures";
import { classifyOutcome } from "./outcome";

const all = readdirSync(PARSERS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => loadFixtures(d.name).flatMap((f) => f.outputs.map((o) => ({ key: `${d.name}/${f.file}: ${o.command}`, ...o }))));
const find = (parser: string, file: string, command: string) => {
  const o = all.find((x) => x.key === `${parser}/${file}: ${command}`);
  if (!o) throw new Error(`no fixture ${parser}/${file}: ${command}`);
  return classifyOutcome(o);
};

describe("classifyOutcome on the captures", () => {
  it("command not found: bash's wording, dash's wording, and sudo's", () => {
    expect(find("docker-ps", "lab-redis-open.json", "docker ps --no-trunc --format '{{json .}}'")).toBe("command-not-found");
    expect(find("podman-ps", "curated-dash-not-found.json", "podman ps --format json")).toBe("command-not-found");
    expect(find("iptables", "lab-sudo-nopasswd.json", "sudo -n iptables -S")).toBe("command-not-found"); // exit 1, not 127
  });

  it("no systemd as PID 1, no docker daemon", () => {
    expect(find("systemctl-list-units", "curated-no-systemd-pid1.json", "systemctl list-units --type=service --state=running --no-pager --plain")).toBe("no-systemd");
    expect(find("systemctl-list-timers", "curated-no-systemd-pid1.json", "systemctl list-timers --all --no-pager")).toBe("no-systemd");
    expect(find("docker-ps", "curated-cli-without-daemon.json", "docker ps --no-trunc --format '{{json .}}'")).toBe("no-daemon");
  });

  it("permission denied: sudo refusing, a root-only directory, tools that need root", () => {
    expect(find("ss", "lab-sudo-denied.json", "sudo -n ss -H -tlnp")).toBe("permission-denied");
    expect(find("crontab-spool", "lab-sudo-denied.json", "ls -1 /var/spool/cron/crontabs")).toBe("permission-denied");
    expect(find("nft", "curated-non-root.json", "nft list ruleset")).toBe("permission-denied");
    expect(find("iptables", "curated-non-root.json", "iptables -S")).toBe("permission-denied");
    expect(find("ufw", "curated-non-root.json", "ufw status verbose")).toBe("permission-denied");
    expect(find("crontab", "curated-user-crontab-env.json", "crontab -l -u root")).toBe("permission-denied");
  });

  it("empty: no crontab for the user, an empty listing, an empty ruleset", () => {
    expect(find("crontab", "lab-redis-open.json", "crontab -l")).toBe("empty");
    const [withJobs, without] = all.filter((o) => o.key === "crontab/curated-user-crontab-env.json: crontab -l -u palisadecap");
    expect(withJobs && classifyOutcome(withJobs)).toBe("ok");
    expect(without && classifyOutcome(without)).toBe("empty");
    expect(find("ss", "lab-redis-open.json", "ss -H -ulnp")).toBe("empty");
    expect(find("nft", "lab-redis-open.json", "nft list ruleset")).toBe("empty");
  });

  it("ok with output", () => {
    expect(find("ss", "lab-redis-open.json", "ss -H -tlnp")).toBe("ok");
    expect(find("ufw", "curated-inactive.json", "ufw status verbose")).toBe("ok");
  });

  it("every capture is classified as something other than error, except these", () => {
    const expected = [
      // Old ss has no -H: a real failure the engine answers by running `ss -tlnp`.
      /^ss\/curated-iproute2-3\.12-old-format\.json: ss -H -tlnp$/,
      // readlink without root fails silently (exit 1, no message): not provably a permission problem.
      /^proc-link\/curated-deleted-exe\.json: readlink \/proc\/1\/exe$/,
      /^proc-link\/lab-sudo-nopasswd\.json: readlink \/proc\/\d+\/(?:exe|cwd)$/,
    ];
    const errors = all.filter((o) => classifyOutcome(o) === "error").map((o) => o.key);
    expect(errors.filter((k) => !expected.some((re) => re.test(k)))).toEqual([]);
    expect(expected.every((re) => errors.some((k) => re.test(k)))).toBe(true);
  });
});

describe("classifyOutcome on its own", () => {
  it("exit 0 is ok or empty whatever stderr says; a timeout (null) is an error", () => {
    expect(classifyOutcome({ exitCode: 0, stdout: "x\n", stderr: "Permission denied" })).toBe("ok");
    expect(classifyOutcome({ exitCode: 0, stdout: " \n", stderr: "" })).toBe("empty");
    expect(classifyOutcome({ exitCode: null, stdout: "", stderr: "" })).toBe("error");
  });

  it("the other shells' and tools' wordings", () => {
    expect(classifyOutcome({ exitCode: 127, stdout: "", stderr: "" })).toBe("command-not-found");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "zsh: command not found: docker\n" })).toBe("command-not-found");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "sudo: a terminal is required to read the password; either use the -S option\n" })).toBe("permission-denied");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "audit is not in the sudoers file.  This incident will be reported.\n" })).toBe("error");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "sudo: audit is not in the sudoers file.\n" })).toBe("permission-denied");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock\n" })).toBe("permission-denied");
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: "Cannot connect to Podman. Please verify your connection to the Linux system\n" })).toBe("no-daemon");
  });

  it("never throws on hostile input and reads only the head of stderr", () => {
    const huge = `${"x".repeat(1 << 20)}\nsudo: a password is required\n`;
    expect(classifyOutcome({ exitCode: 1, stdout: "", stderr: huge })).toBe("error");
    expect(classifyOutcome(null as never)).toBe("error");
    expect(classifyOutcome({ exitCode: "1" as never, stdout: 5 as never, stderr: {} as never })).toBe("error");
  });
});
