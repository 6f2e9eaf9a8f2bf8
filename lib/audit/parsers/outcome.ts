// What a command's exit says beyond its stdout. A missing tool, daemon or privilege is a fact
// about the host, so it must be told apart from a real error. Only the head of stderr is read:
// the messages that matter come first, and the output is untrusted.
import type { TOutcome } from "../facts";

export type TCommandResult = { exitCode: number | null; stdout: string; stderr: string };

const HEAD = 16_384;

// sudo -n refusing to run anything: the command itself never ran.
const SUDO_REFUSED =
  /^sudo: (?:a password is required|a terminal is required|sorry, you must have a tty|.{0,200}is not in the sudoers file|.{0,200}is not allowed to (?:execute|run))/m;
// bash "bash: line 1: docker: command not found", dash "sh: 1: docker: not found",
// sudo "sudo: iptables: command not found", zsh "zsh: command not found: docker".
const NOT_FOUND = /^[^\n]{0,300}(?:: command not found|: not found|command not found: [^\n]{0,300})$/m;
const NO_SYSTEMD =
  /System has not been booted with systemd as init system|Failed to connect to bus: (?:Host is down|No such file or directory)|systemd is not running/;
const NO_DAEMON =
  /Cannot connect to the Docker daemon|Is the docker daemon running\?|Cannot connect to Podman|unable to connect to Podman socket/;
const DENIED =
  /permission denied|operation not permitted|you must be root|need to be root|must be run as root|must be privileged|are not allowed to|access denied/i;
const NO_CRONTAB = /^no crontab for /m;

export function classifyOutcome(result: TCommandResult): TOutcome {
  const exitCode = typeof result?.exitCode === "number" ? result.exitCode : null;
  const stdout = typeof result?.stdout === "string" ? result.stdout : "";
  const stderr = typeof result?.stderr === "string" ? result.stderr.slice(0, HEAD) : "";
  // A command that exited 0 did its job; a warning on stderr does not change that.
  if (exitCode === 0) return stdout.trim().length === 0 ? "empty" : "ok";
  if (SUDO_REFUSED.test(stderr)) return "permission-denied";
  if (exitCode === 127 || NOT_FOUND.test(stderr)) return "command-not-found";
  if (NO_SYSTEMD.test(stderr)) return "no-systemd";
  if (NO_DAEMON.test(stderr)) return "no-daemon";
  if (DENIED.test(stderr)) return "permission-denied";
  if (NO_CRONTAB.test(stderr)) return "empty";
  return "error";
}
