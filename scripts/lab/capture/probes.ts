// Records how each probed port answers, through the SSH connection's port forwarding (the way
// the engine's probes will reach it), so the demo fleet's stand-ins can answer the same way.
import type { Duplex } from "node:stream";
import tls from "node:tls";
import type { Client } from "ssh2";
import type { TProbeKind } from "../scenarios/types";
import type { TStandIn } from "../sim/capture-format";

function forward(client: Client, host: string, port: number): Promise<Duplex | undefined> {
  return new Promise((resolve) => {
    client.forwardOut("127.0.0.1", 40000, host, port, (err, stream) => resolve(err ? undefined : stream));
  });
}

// Sends `request` (if any) and collects the reply until the peer closes or is quiet for idleMs.
function exchange(stream: Duplex, request: Buffer | string | undefined, idleMs = 400, maxMs = 3000): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let idle: NodeJS.Timeout;
    const done = () => {
      clearTimeout(idle);
      clearTimeout(hard);
      stream.removeAllListeners("data");
      resolve(Buffer.concat(chunks));
    };
    const hard = setTimeout(done, maxMs);
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(done, idleMs);
    };
    stream.on("data", (d: Buffer) => {
      chunks.push(d);
      arm();
    });
    stream.once("close", done);
    stream.once("end", done);
    stream.on("error", done);
    if (request !== undefined) stream.write(request);
    arm();
  });
}

async function oneShot(client: Client, host: string, port: number, request?: Buffer | string, idleMs?: number) {
  const s = await forward(client, host, port);
  if (!s) return undefined;
  const reply = await exchange(s, request, idleMs);
  s.destroy();
  return reply;
}

const b64 = (b: Buffer) => b.toString("base64");

function httpRequest(path: string) {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: palisade-lab-capture\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
}

const HTTP_PATHS: Partial<Record<TProbeKind, string[]>> = {
  http: ["/", "/palisade-probe-404"],
  https: ["/", "/palisade-probe-404"],
  "node-inspector": ["/json/version", "/json/list", "/"],
};

async function httpsExchange(client: Client, host: string, port: number, path: string) {
  const raw = await forward(client, host, port);
  if (!raw) return undefined;
  return new Promise<{ reply: Buffer; protocol: string; certPem: string }>((resolve, reject) => {
    const sock = tls.connect({ socket: raw, rejectUnauthorized: false, servername: "localhost" }, async () => {
      const der = sock.getPeerX509Certificate()?.toString() ?? "";
      const protocol = sock.getProtocol() ?? "";
      const reply = await exchange(sock, httpRequest(path));
      sock.destroy();
      resolve({ reply, protocol, certPem: der });
    });
    sock.on("error", reject);
  });
}

export async function recordStandIn(
  client: Client,
  probe: { port: number; kind: TProbeKind },
  readFileAsRoot: (path: string) => Promise<string>,
): Promise<TStandIn> {
  const accepts: TStandIn["accepts"] = [];
  for (const host of ["127.0.0.1", "::1"] as const) {
    const s = await forward(client, host, probe.port);
    if (s) {
      accepts.push(host);
      s.destroy();
    }
  }
  const target = accepts[0] ?? "127.0.0.1";
  const standIn: TStandIn = { proto: "tcp", port: probe.port, kind: probe.kind, accepts };
  if (accepts.length === 0) return standIn;

  if (probe.kind === "https") {
    standIn.http = {};
    let meta: { protocol: string; certPem: string } | undefined;
    for (const p of HTTP_PATHS.https!) {
      const r = await httpsExchange(client, target, probe.port, p);
      if (r) {
        standIn.http[p] = b64(r.reply);
        meta = r;
      }
    }
    // The lab's own throwaway snakeoil pair, so the demo fleet presents the same certificate.
    const keyPem = await readFileAsRoot("/etc/ssl/private/ssl-cert-snakeoil.key");
    const certPem = await readFileAsRoot("/etc/ssl/certs/ssl-cert-snakeoil.pem");
    standIn.tls = { certPem, keyPem, protocol: meta?.protocol ?? "" };
    return standIn;
  }

  const greeting = await oneShot(client, target, probe.port, undefined, 300);
  if (greeting && greeting.length > 0) standIn.greeting = b64(greeting);

  if (probe.kind === "http" || probe.kind === "node-inspector") {
    standIn.http = {};
    for (const p of HTTP_PATHS[probe.kind]!) {
      const r = await oneShot(client, target, probe.port, httpRequest(p));
      if (r) standIn.http[p] = b64(r);
    }
  } else if (probe.kind === "redis") {
    standIn.redis = {};
    for (const [name, cmd] of [
      ["PING", "PING\r\n"],
      ["INFO", "INFO server\r\n"],
      ["AUTH", "AUTH palisade-probe\r\n"],
      ["CONFIG", "CONFIG GET requirepass\r\n"],
    ] as const) {
      const r = await oneShot(client, target, probe.port, cmd, 300);
      if (r) standIn.redis[name] = b64(r);
    }
  } else if (probe.kind === "memcached") {
    standIn.memcached = {};
    for (const cmd of ["version", "stats"]) {
      const r = await oneShot(client, target, probe.port, `${cmd}\r\n`, 300);
      if (r) standIn.memcached[cmd] = b64(r);
    }
  } else if (probe.kind === "postgres") {
    const ssl = await oneShot(client, target, probe.port, Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]), 300);
    const startup = await oneShot(client, target, probe.port, postgresStartup("postgres", "postgres"), 500);
    standIn.postgres = { sslReply: b64(ssl ?? Buffer.alloc(0)), startupReply: b64(startup ?? Buffer.alloc(0)) };
    if (ssl?.toString() === "S") {
      // Debian's postgresql uses the snakeoil pair for TLS; the stand-in presents the same one.
      const keyPem = await readFileAsRoot("/etc/ssl/private/ssl-cert-snakeoil.key");
      const certPem = await readFileAsRoot("/etc/ssl/certs/ssl-cert-snakeoil.pem");
      standIn.tls = { certPem, keyPem, protocol: "" };
    }
  }
  return standIn;
}

export function postgresStartup(user: string, database: string): Buffer {
  const body = Buffer.concat([
    Buffer.from([0, 3, 0, 0]), // protocol 3.0
    Buffer.from(`user\0${user}\0database\0${database}\0\0`, "utf8"),
  ]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
}
