// What a verification run sends besides the audit's own discovery and forensics: reads that
// do not go through ss, so a hardening step is judged on two independent views of the
// host's sockets. Fixed strings, like lib/audit/command-set.ts.
export const PROC_NET_COMMAND = { id: "proc-net", command: "grep -H . /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6", parser: "proc-net" } as const;

// Evidence key of a step's own verify command: stable per step and position, so the run page
// can show each command's output next to its step.
export const verifyCommandKey = (stepId: string, index: number) => `verify:${stepId}:${index + 1}`;
