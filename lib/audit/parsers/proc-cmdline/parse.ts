// `cat /proc/PID/cmdline`: argv, each argument ended by a NUL. A process may rewrite it:
// nginx and redis write a title with spaces and pad with NULs ("nginx: worker process\0\0\0"),
// so trailing empty strings are padding, while empty arguments in the middle are real.
import type { TParsed } from "../../facts";
import { clip, collector } from "../collect";

const MAX_ARGS = 4_096;

export function parseProcCmdline(text: string): TParsed<string[]> {
  const out = collector<string[]>();
  const s = typeof text === "string" ? text : "";
  if (s === "") return out.result(); // kernel threads and zombies have no cmdline
  const args = s.split("\0", MAX_ARGS + 1);
  while (args.length > 0 && args[args.length - 1] === "") args.pop();
  if (args.length > MAX_ARGS) out.skip(1, "", `more than ${MAX_ARGS} arguments: the rest was not read`);
  if (args.length > 0) out.add(args.slice(0, MAX_ARGS).map((a) => clip(a)));
  return out.result();
}

export type TDockerProxyTarget = { proto: "tcp" | "udp"; hostIp: string; hostPort: number; containerIp: string; containerPort: number };

// docker-proxy's arguments name the container it forwards to:
//   /usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 6379 -container-ip 172.18.0.2 -container-port 6379
export function dockerProxyTarget(argv: string[]): TDockerProxyTarget | null {
  if (!argv[0]?.endsWith("docker-proxy")) return null;
  const opt = (name: string) => {
    const i = argv.indexOf(`-${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const proto = opt("proto");
  const hostPort = Number(opt("host-port"));
  const containerPort = Number(opt("container-port"));
  const hostIp = opt("host-ip");
  const containerIp = opt("container-ip");
  if ((proto !== "tcp" && proto !== "udp") || !hostIp || !containerIp) return null;
  if (!Number.isInteger(hostPort) || !Number.isInteger(containerPort) || hostPort < 1 || hostPort > 65_535 || containerPort < 1 || containerPort > 65_535) return null;
  return { proto, hostIp: clip(hostIp, 64), hostPort, containerIp: clip(containerIp, 64), containerPort };
}
