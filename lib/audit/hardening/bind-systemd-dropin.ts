// Strategy 1 for a unit whose command line carries the listen address (e.g.
// `node --inspect=0.0.0.0:9229`): a drop-in overrides ExecStart with the same
// arguments, the wildcard address replaced by 127.0.0.1. The unit file itself
// is left as the package or its author wrote it; removing the drop-in undoes it.
import type { TListenerOwner } from "../facts";
import { fileToRead } from "./backup";
import { safeArgs, safePath, safeUnit, shq } from "./shell";
import type { TStrategyResult } from "./types";

const WILDCARD = /(^|[=:,\s])(0\.0\.0\.0|\[::\])(?=:|$)/;

function rebind(args: string[]): string[] | null {
  let changed = false;
  const out = args.map((a) => {
    if (!WILDCARD.test(a)) return a;
    changed = true;
    return a.replace(WILDCARD, (_m, pre: string, addr: string) => `${pre}${addr === "[::]" ? "[::1]" : "127.0.0.1"}`);
  });
  return changed ? out : null;
}

export function bindBySystemdDropIn(owner: TListenerOwner, port: number, tag: string): TStrategyResult {
  if (!owner.systemdUnit || owner.systemdUnit === "cron.service" || !owner.systemdUnit.endsWith(".service")) return { ok: false, why: "the process is not a systemd service's" };
  const unit = safeUnit(owner.systemdUnit);
  const args = safeArgs(owner.cmdline, "process's command line");
  safePath(args[0], "executable");
  const rebound = rebind(args);
  if (!rebound) return { ok: false, why: `${unit}'s command line "${args.join(" ")}" has no listen address to change (it binds by a default or a config file Palisade does not know)` };
  const dir = `/etc/systemd/system/${unit}.d`;
  const dropIn = `${dir}/palisade-${tag}.conf`;
  // Rolling back removes the directory only if this step made it: an empty
  // drop-in directory that was there before is part of the state to restore.
  // systemd reads only *.conf there, so the marker changes nothing else.
  const madeDir = `${dir}/.palisade-${tag}-made-this-directory`;
  const lines = ["# Palisade hardening step: listen on loopback only", "[Service]", "ExecStart=", `ExecStart=${rebound.join(" ")}`];
  return {
    ok: true,
    step: {
      strategy: "BIND_LOCALHOST",
      title: `Bind ${unit} to localhost with a systemd drop-in`,
      why: `${unit} takes its listen address on its command line ("${args.join(" ")}"): a drop-in replaces ExecStart with the same arguments bound to loopback, leaving the unit file untouched.`,
      commands: [
        `systemctl cat ${shq(unit)}`,
        `test ! -e ${shq(dropIn)}`,
        `test -d ${shq(dir)} || { mkdir -p ${shq(dir)} && : > ${shq(madeDir)}; }`,
        `printf '%s\\n' ${lines.map(shq).join(" ")} > ${shq(dropIn)}`,
        "systemctl daemon-reload",
        `systemctl restart ${shq(unit)}`,
      ],
      expectedAfter: `${unit} runs "${rebound.join(" ")}"; it listens on 127.0.0.1:${port} only, nothing on ${owner.address}:${port}.`,
      verifyCommands: [`ss -H -${owner.proto === "tcp" ? "t" : "u"}lnp ${shq(`sport = :${port}`)}`, `systemctl show -p ExecStart ${shq(unit)}`, `systemctl is-active ${shq(unit)}`],
      rollbackCommands: [
        `rm -f ${shq(dropIn)}`,
        `if test -e ${shq(madeDir)}; then rm -f ${shq(madeDir)} && rmdir --ignore-fail-on-non-empty ${shq(dir)}; fi`,
        "systemctl daemon-reload",
        `systemctl restart ${shq(unit)}`,
      ],
      files: [fileToRead(dropIn, "absent")],
    },
  };
}
