// The exact commands a reviewer runs on the host to see a finding for themselves: the socket,
// its owner, and a protocol check made from the host itself (the way the probe made it).
import type { THostFacts, TListenerOwner } from "../facts";
import type { TServiceKind } from "./identify-service";

// Reading other users' sockets and /proc needs root; a non-root audit user used `sudo -n`.
export function sudoPrefix(facts: THostFacts): string {
  return facts.identity && facts.identity.uid !== 0 ? "sudo " : "";
}

export function ssCommand(facts: THostFacts, proto: "tcp" | "udp", port: number): string {
  return `${sudoPrefix(facts)}ss -H -${proto === "tcp" ? "t" : "u"}lnp 'sport = :${port}'`;
}

export function ownerCommands(facts: THostFacts, owner: TListenerOwner | null): string[] {
  if (!owner || owner.pid === null) return [];
  const s = sudoPrefix(facts);
  return [`${s}readlink /proc/${owner.pid}/exe /proc/${owner.pid}/cwd`, `${s}cat /proc/${owner.pid}/cmdline | tr '\\0' ' '; echo`, `${s}cat /proc/${owner.pid}/cgroup`];
}

export function firewallCommand(facts: THostFacts, tool: "nftables" | "iptables" | "ufw"): string {
  return sudoPrefix(facts) + (tool === "nftables" ? "nft list ruleset" : tool === "iptables" ? "iptables -S" : "ufw status verbose");
}

// Where a connection made on the host reaches the socket: a wildcard IPv4 or dual-stack
// socket on 127.0.0.1, an IPv6-only one on ::1, a specific address on itself.
export function localTarget(address: string): string {
  if (address === "0.0.0.0" || address === "*" || address === "") return "127.0.0.1";
  if (address === "::") return "::1";
  return address;
}

const urlHost = (h: string) => (h.includes(":") ? `[${h}]` : h);

// `curl` of one path on the socket, from the host itself.
export function curlPath(address: string, port: number, path: string, opts: { tls?: boolean; headers?: string[] } = {}): string {
  const h = localTarget(address);
  const headers = (opts.headers ?? []).map((x) => ` -H '${x}'`).join("");
  return `curl${h.includes(":") ? " -g" : ""}${opts.tls ? " -k" : ""} -sS -i${headers} '${opts.tls ? "https" : "http"}://${urlHost(h)}:${port}${path}'`;
}

export function protocolCheck(kind: TServiceKind, proto: "tcp" | "udp", address: string, port: number, opts: { tls?: boolean } = {}): string | null {
  const h = localTarget(address);
  const url = (scheme: string, path = "/") => `'${scheme}://${urlHost(h)}:${port}${path}'`;
  const curl = h.includes(":") ? "curl -g" : "curl";
  if (proto === "udp") {
    return kind === "memcached" ? `printf '\\000\\001\\000\\000\\000\\001\\000\\000stats\\r\\n' | nc -u -w1 ${h} ${port}` : null;
  }
  switch (kind) {
    case "redis":
      return `redis-cli -h ${h} -p ${port} PING`;
    case "memcached":
      return `printf 'stats\\r\\nquit\\r\\n' | nc ${h} ${port}`;
    case "mongodb":
      return `mongosh --quiet --host ${h} --port ${port} --eval 'db.adminCommand({ listDatabases: 1 })'`;
    case "elasticsearch":
      return `${curl} -sS ${url(opts.tls ? "https" : "http", "/_cat/indices")}`;
    case "postgresql":
      return `psql 'host=${h} port=${port} user=postgres dbname=postgres' -c 'select 1'`;
    case "mysql":
      return `mysql -h ${h} -P ${port} -u root -e 'select 1'`;
    case "docker-api":
      return `${curl} -sS ${url("http", "/version")}`;
    case "ssh":
      return `ssh -o BatchMode=yes -o PreferredAuthentications=none -p ${port} nobody@${h}`;
    case "debugger":
      return `${curl} -sS ${url("http", "/json/version")}`;
    case "web-server":
    case "http-app":
    case "adhoc-http":
      return opts.tls ? `openssl s_client -connect ${urlHost(h)}:${port} -brief </dev/null; ${curl} -k -sS -i ${url("https")}` : `${curl} -sS -i ${url("http")}`;
    default:
      return opts.tls ? `openssl s_client -connect ${urlHost(h)}:${port} -brief </dev/null` : null;
  }
}
