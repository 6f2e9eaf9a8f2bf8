import { describe, expect, it } from "vitest";
import { asRoot, assertPid, crontabForUser, DISCOVERY_COMMANDS, FORENSICS_COMMANDS } from "./command-set";

describe("audit command set", () => {
  it("sends the discovery commands the design names, verbatim", () => {
    const commands = DISCOVERY_COMMANDS.map((c) => c.command);
    expect(commands).toContain("systemctl list-units --type=service --state=running --no-pager --plain");
    expect(commands).toContain("ss -H -tlnp");
    expect(commands).toContain("ss -H -ulnp");
    expect(new Set(DISCOVERY_COMMANDS.map((c) => c.id)).size).toBe(DISCOVERY_COMMANDS.length);
  });

  it("builds forensics commands only from a valid PID", () => {
    const cmdline = FORENSICS_COMMANDS.find((f) => f.id === "proc-cmdline")!;
    expect(cmdline.command(1234)).toBe("cat /proc/1234/cmdline");
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 23, "12; rm -rf /" as unknown as number]) {
      expect(() => cmdline.command(bad)).toThrow(/invalid PID/);
    }
    expect(assertPid(4_194_304)).toBe(4_194_304);
  });

  it("refuses user names that could carry shell syntax", () => {
    expect(crontabForUser("dev")).toBe("crontab -l -u dev");
    expect(() => crontabForUser("dev; id")).toThrow(/invalid user name/);
    expect(() => crontabForUser("$(id)")).toThrow(/invalid user name/);
  });

  it("runs root commands through sudo -n, quoting shell syntax for sh -c", () => {
    expect(asRoot("ss -H -tlnp")).toBe("sudo -n ss -H -tlnp");
    expect(asRoot("docker ps --format '{{json .}}'")).toBe(`sudo -n sh -c 'docker ps --format '\\''{{json .}}'\\'''`);
  });
});
