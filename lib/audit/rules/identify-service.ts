// What a listener is, told from what the audit saw: the probe's answer, the owning process
// (name, exe, cmdline), or the image of the container that publishes the port. Never from the
// port number: a redis on 6380 is redis, an unknown thing on 6379 is unknown.
import type { TProbe } from "../classification-types";
import type { TContainer, TListenerOwner } from "../facts";

export type TServiceKind =
  | "redis"
  | "memcached"
  | "mongodb"
  | "elasticsearch"
  | "postgresql"
  | "mysql"
  | "docker-api"
  | "ssh"
  | "web-server" // a packaged web server or reverse proxy (nginx, apache, caddy...)
  | "http-app" // something that answered HTTP, not a known web server
  | "adhoc-http" // a throwaway file server (python -m http.server, php -S...)
  | "debugger" // a remote debugging endpoint (node/chrome inspector, JDWP, debugpy)
  | "system-daemon" // DHCP client, NTP, mDNS: expected on a network interface
  | "unknown";

export type TServiceIdentity = {
  kind: TServiceKind;
  name: string; // "Redis", "nginx", "Python http.server"
  by: "probe" | "process" | "image" | "none";
  detail: string; // how it was told, in words
};

export const DATASTORE_KINDS: ReadonlySet<TServiceKind> = new Set(["redis", "memcached", "mongodb", "elasticsearch", "postgresql", "mysql", "docker-api"]);

const PROCESS_NAMES: Record<string, { kind: TServiceKind; name: string }> = {
  "redis-server": { kind: "redis", name: "Redis" },
  "valkey-server": { kind: "redis", name: "Valkey (Redis protocol)" },
  "keydb-server": { kind: "redis", name: "KeyDB (Redis protocol)" },
  memcached: { kind: "memcached", name: "memcached" },
  mongod: { kind: "mongodb", name: "MongoDB" },
  mongos: { kind: "mongodb", name: "MongoDB router" },
  postgres: { kind: "postgresql", name: "PostgreSQL" },
  postmaster: { kind: "postgresql", name: "PostgreSQL" },
  mysqld: { kind: "mysql", name: "MySQL" },
  mariadbd: { kind: "mysql", name: "MariaDB" },
  sshd: { kind: "ssh", name: "OpenSSH" },
  dropbear: { kind: "ssh", name: "Dropbear SSH" },
  nginx: { kind: "web-server", name: "nginx" },
  openresty: { kind: "web-server", name: "OpenResty" },
  apache2: { kind: "web-server", name: "Apache httpd" },
  httpd: { kind: "web-server", name: "Apache httpd" },
  caddy: { kind: "web-server", name: "Caddy" },
  lighttpd: { kind: "web-server", name: "lighttpd" },
  haproxy: { kind: "web-server", name: "HAProxy" },
  traefik: { kind: "web-server", name: "Traefik" },
  envoy: { kind: "web-server", name: "Envoy" },
  dhclient: { kind: "system-daemon", name: "DHCP client" },
  dhcpcd: { kind: "system-daemon", name: "DHCP client" },
  "systemd-network": { kind: "system-daemon", name: "systemd-networkd (DHCP)" },
  "systemd-networkd": { kind: "system-daemon", name: "systemd-networkd (DHCP)" },
  chronyd: { kind: "system-daemon", name: "chrony (NTP)" },
  ntpd: { kind: "system-daemon", name: "ntpd (NTP)" },
  "avahi-daemon": { kind: "system-daemon", name: "Avahi (mDNS)" },
};

const IMAGE_NAMES: Record<string, { kind: TServiceKind; name: string }> = {
  redis: { kind: "redis", name: "Redis" },
  valkey: { kind: "redis", name: "Valkey (Redis protocol)" },
  memcached: { kind: "memcached", name: "memcached" },
  mongo: { kind: "mongodb", name: "MongoDB" },
  mongodb: { kind: "mongodb", name: "MongoDB" },
  elasticsearch: { kind: "elasticsearch", name: "Elasticsearch" },
  opensearch: { kind: "elasticsearch", name: "OpenSearch" },
  postgres: { kind: "postgresql", name: "PostgreSQL" },
  postgresql: { kind: "postgresql", name: "PostgreSQL" },
  mysql: { kind: "mysql", name: "MySQL" },
  mariadb: { kind: "mysql", name: "MariaDB" },
  nginx: { kind: "web-server", name: "nginx" },
  httpd: { kind: "web-server", name: "Apache httpd" },
  caddy: { kind: "web-server", name: "Caddy" },
  traefik: { kind: "web-server", name: "Traefik" },
  haproxy: { kind: "web-server", name: "HAProxy" },
};

const PROBE_KINDS: Partial<Record<TProbe["protocol"], { kind: TServiceKind; name: string }>> = {
  redis: { kind: "redis", name: "Redis" },
  memcached: { kind: "memcached", name: "memcached" },
  mongodb: { kind: "mongodb", name: "MongoDB" },
  elasticsearch: { kind: "elasticsearch", name: "Elasticsearch" },
  postgresql: { kind: "postgresql", name: "PostgreSQL" },
  mysql: { kind: "mysql", name: "MySQL" },
  "docker-api": { kind: "docker-api", name: "Docker Engine API" },
  ssh: { kind: "ssh", name: "SSH server" },
  inspector: { kind: "debugger", name: "V8/Chrome DevTools inspector" },
};

const basename = (p: string) => p.slice(p.lastIndexOf("/") + 1);

// The argv as a list even when a process rewrote its title into one string ("nginx: master
// process /usr/sbin/nginx -g ...", "sshd: /usr/sbin/sshd -D [listener] ...").
export function argvOf(owner: TListenerOwner | null): string[] {
  const cmd = owner?.cmdline ?? [];
  return cmd.length === 1 ? (cmd[0] ?? "").split(/\s+/).filter(Boolean) : cmd;
}

function namesOf(owner: TListenerOwner): string[] {
  const first = argvOf(owner)[0];
  return [owner.processName, owner.exe && basename(owner.exe), first && basename(first.replace(/:$/, ""))].filter((n): n is string => !!n);
}

type TDebugFlag = { flag: string; port: number | null; host: string | null };

// The debug listener a command line asks for, with its port when the flag names one.
export function debugFlagOf(owner: TListenerOwner | null): (TDebugFlag & { name: string }) | null {
  const argv = argvOf(owner);
  const names = owner ? namesOf(owner) : [];
  const isNode = names.some((n) => /^(node|nodejs)$/.test(n));
  const isChrome = names.some((n) => /chrom(e|ium)|headless_shell/.test(n));
  const isJava = names.some((n) => n === "java");
  const isPython = names.some((n) => /^python[\d.]*$/.test(n));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (isNode) {
      const m = /^--inspect(?:-brk|-wait)?(?:=(.+))?$/.exec(a) ?? /^--inspect-port=(.+)$/.exec(a);
      if (m) return { name: "Node.js inspector", ...hostPort(a, m[1] ?? null, 9229) };
    }
    if (isChrome) {
      const m = /^--remote-debugging-port=(\d+)$/.exec(a);
      if (m) return { name: "Chrome DevTools remote debugging", flag: a, port: Number(m[1]), host: null };
    }
    if (isJava) {
      const m = /^-(?:agentlib:jdwp|Xrunjdwp:)=?.*address=([^,]+)/.exec(a);
      if (m) return { name: "Java debugger (JDWP)", ...hostPort(a, m[1] ?? null, null) };
    }
    if (isPython && a === "debugpy" && argv[i - 1] === "-m") {
      const at = argv.indexOf("--listen", i);
      if (at !== -1) return { name: "Python debugger (debugpy)", ...hostPort("-m debugpy --listen", argv[at + 1] ?? null, null) };
    }
  }
  return null;
}

function hostPort(flag: string, value: string | null, defaultPort: number | null): TDebugFlag {
  if (!value) return { flag, port: defaultPort, host: null };
  const m = /^(?:(.*):)?(\d+)$/.exec(value);
  if (!m) return { flag, port: defaultPort, host: value };
  return { flag, port: Number(m[2]), host: m[1] ?? null };
}

// Throwaway file servers: no authentication, no TLS, serve a directory as it is.
export function adhocHttpServerOf(owner: TListenerOwner | null): string | null {
  if (!owner) return null;
  const argv = argvOf(owner);
  const names = namesOf(owner);
  const joined = argv.join(" ");
  if (names.some((n) => /^python[\d.]*$/.test(n))) {
    if (/(^| )-m (http\.server|SimpleHTTPServer|uploadserver)( |$)/.test(joined)) return "Python http.server";
  }
  if (names.some((n) => /^php[\d.]*$/.test(n)) && argv.includes("-S")) return "PHP built-in web server (php -S)";
  if (names.some((n) => /^ruby[\d.]*$/.test(n)) && /-run\b.*\bhttpd\b|un\.rb/.test(joined)) return "Ruby un.rb httpd";
  if (names.some((n) => n === "busybox") && argv.includes("httpd")) return "BusyBox httpd";
  if (names.some((n) => n === "http-server") || /\/http-server\/bin\/http-server\b/.test(joined)) return "node http-server";
  if (names.some((n) => n === "webfsd")) return "webfsd";
  return null;
}

function byProcess(owner: TListenerOwner): { kind: TServiceKind; name: string; detail: string } | null {
  const names = namesOf(owner);
  const seen = `the process is ${describeProcess(owner)}`;
  const argv = argvOf(owner).join(" ");
  if (names.includes("dockerd") && /(-H|--host)[ =]tcp:\/\//.test(argv)) return { kind: "docker-api", name: "Docker Engine API", detail: `${seen}, started with a tcp:// host` };
  if (names.includes("java") && /org\.(elasticsearch|opensearch)\./.test(argv)) return { kind: "elasticsearch", name: /opensearch/.test(argv) ? "OpenSearch" : "Elasticsearch", detail: seen };
  for (const n of names) {
    const hit = PROCESS_NAMES[n];
    if (hit) return { ...hit, detail: seen };
  }
  return null;
}

function byImage(container: TContainer | null, publishedBy: TListenerOwner["publishedBy"]): { kind: TServiceKind; name: string; detail: string } | null {
  const image = publishedBy?.image ?? container?.image;
  if (!image) return null;
  // registry/namespace/name:tag@digest -> name
  const name = basename(image.split("@")[0]!.replace(/:[^/:]*$/, "")).toLowerCase();
  const hit = IMAGE_NAMES[name];
  return hit ? { ...hit, detail: `the port is published by a container of image ${image}` } : null;
}

export function describeProcess(owner: TListenerOwner): string {
  const name = owner.processName ?? (owner.exe ? basename(owner.exe) : "an unnamed process");
  const parts = [owner.exe && owner.exe !== name ? owner.exe : null, owner.pid !== null ? `pid ${owner.pid}` : null, owner.user ? `user ${owner.user}` : null, owner.systemdUnit ? `unit ${owner.systemdUnit}` : null].filter(Boolean);
  return parts.length > 0 ? `${name} (${parts.join(", ")})` : name;
}

export function probeAnswered(probe: TProbe | null): probe is TProbe {
  return !!probe && probe.via === "forwarded" && probe.error === null;
}

// A server that answers 200 to a made-up path (a single-page app's catch-all) answers 200 to
// /metrics too: its path statuses prove nothing.
export function answersEveryPath(probe: TProbe): boolean {
  return probe.details.unknownPathStatus === "200";
}

function byHttpProbe(probe: TProbe): { kind: TServiceKind; name: string; detail: string } {
  const server = probe.http?.server ?? null;
  const said = server ? `the HTTP probe was answered with Server: ${server}` : "the probe was answered in HTTP";
  if (server && /SimpleHTTP|BaseHTTP|PHP\/.*Development Server|WEBrick|http-server/i.test(server)) return { kind: "adhoc-http", name: server, detail: said };
  const web = server ? /^(nginx|openresty|Apache|Caddy|lighttpd|HAProxy|Traefik|envoy)\b/i.exec(server) : null;
  if (web) return { kind: "web-server", name: web[1]!, detail: said };
  return { kind: "http-app", name: server ? `HTTP server (${server})` : "HTTP service", detail: said };
}

export function identifyService(input: { owner: TListenerOwner | null; container: TContainer | null; probe: TProbe | null; port: number }): TServiceIdentity {
  const { owner, container, probe, port } = input;
  const answered = probeAnswered(probe) ? probe : null;
  const debug = debugFlagOf(owner);
  if (owner && debug && debug.port === port) {
    return { kind: "debugger", name: debug.name, by: "process", detail: `the process is ${describeProcess(owner)}, started with ${debug.flag}` };
  }
  if (answered?.protocol === "inspector") return { kind: "debugger", name: "V8/Chrome DevTools inspector", by: "probe", detail: "the probe was answered by a DevTools inspector (/json/version)" };
  const adhoc = adhocHttpServerOf(owner);
  if (owner && adhoc) return { kind: "adhoc-http", name: adhoc, by: "process", detail: `the process is ${describeProcess(owner)}: ${argvOf(owner).join(" ")}` };
  const fromProbe = answered ? PROBE_KINDS[answered.protocol] : undefined;
  if (fromProbe) {
    const also = owner?.processName ? `; the process is ${describeProcess(owner)}` : "";
    return { ...fromProbe, by: "probe", detail: `the probe was answered in the ${answered!.protocol} protocol${also}` };
  }
  const fromProcess = owner ? byProcess(owner) : null;
  if (fromProcess) return { ...fromProcess, by: "process" };
  if (answered?.protocol === "http") return { ...byHttpProbe(answered), by: "probe" };
  const fromImage = byImage(container, owner?.publishedBy ?? null);
  if (fromImage) return { ...fromImage, by: "image" };
  if (owner?.processName) return { kind: "unknown", name: owner.processName, by: "process", detail: `the process is ${describeProcess(owner)}, not a service the rules know` };
  return { kind: "unknown", name: "unidentified service", by: "none", detail: "neither the owning process nor a probe answer identifies it" };
}
