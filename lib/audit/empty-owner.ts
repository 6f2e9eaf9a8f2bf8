import type { TListenerOwner } from "./facts";

// The owner record of a listener whose process could not be read: every
// field unknown, and `hidden` saying why.
export function emptyOwner(l: { proto: "tcp" | "udp"; address: string; port: number }, hidden: string[] = []): TListenerOwner {
  return {
    proto: l.proto,
    address: l.address,
    port: l.port,
    pid: null,
    processName: null,
    exe: null,
    exeDeleted: false,
    cmdline: null,
    cwd: null,
    user: null,
    uid: null,
    ppid: null,
    parentCmdline: null,
    systemdUnit: null,
    containerId: null,
    publishedBy: null,
    startedAt: null,
    hidden,
  };
}
