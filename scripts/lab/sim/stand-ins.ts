// Small in-process stand-ins for the services behind a simulated host's forwarded ports. Each
// answers from what `lab capture` recorded on the real lab machine, so a probe made through
// direct-tcpip sees the same banner, HTTP response, TLS certificate or protocol reply.
import type { Duplex } from "node:stream";
import tls from "node:tls";
import type { TStandIn } from "./capture-format";

const unb64 = (s: string | undefined) => Buffer.from(s ?? "", "base64");

const NOT_FOUND = Buffer.from("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

function serveHttp(stream: Duplex, responses: Record<string, string>) {
  let buf = "";
  const onData = (d: Buffer) => {
    buf += d.toString("latin1");
    const end = buf.indexOf("\r\n\r\n");
    if (end === -1) {
      if (buf.length > 64 * 1024) stream.end();
      return;
    }
    stream.removeListener("data", onData);
    const target = /^[A-Z]+ (\S+) HTTP\/\d\.\d/.exec(buf)?.[1] ?? "/";
    const path = target.split("?")[0] ?? "/";
    const recorded = responses[path] ?? responses["/palisade-probe-404"];
    stream.end(recorded ? unb64(recorded) : NOT_FOUND);
  };
  stream.on("data", onData);
}

function serveRedis(stream: Duplex, replies: Record<string, string>) {
  let buf = "";
  stream.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    // Inline commands ("PING\r\n") and RESP arrays ("*1\r\n$4\r\nPING\r\n") both end a command
    // at a line break; answering per line keeps this small, and RESP bulk headers are skipped.
    let nl: number;
    while ((nl = buf.indexOf("\r\n")) !== -1) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 2);
      if (line.startsWith("*") || line.startsWith("$") || line === "") continue;
      const name = line.split(" ")[0]!.toUpperCase();
      if (name === "QUIT") {
        stream.end("+OK\r\n");
        return;
      }
      const reply = replies[name];
      stream.write(reply ? unb64(reply) : Buffer.from(`-ERR unknown command '${name.slice(0, 64)}', with args beginning with: \r\n`));
    }
  });
}

function serveMemcached(stream: Duplex, replies: Record<string, string>) {
  let buf = "";
  stream.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    let nl: number;
    while ((nl = buf.indexOf("\n")) !== -1) {
      const line = buf.slice(0, nl).replace(/\r$/, "");
      buf = buf.slice(nl + 1);
      if (line === "quit") {
        stream.end();
        return;
      }
      const reply = replies[line.split(" ")[0] ?? ""];
      stream.write(reply ? unb64(reply) : Buffer.from("ERROR\r\n"));
    }
  });
}

function servePostgres(stream: Duplex, standIn: TStandIn) {
  const pg = standIn.postgres!;
  let buf = Buffer.alloc(0);
  const onData = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (buf.length < 8) return;
    const len = buf.readUInt32BE(0);
    const code = buf.readUInt32BE(4);
    if (len === 8 && code === 80877103) {
      stream.removeListener("data", onData);
      const reply = unb64(pg.sslReply);
      stream.write(reply);
      if (reply.toString() === "S" && standIn.tls) {
        const secure = wrapTls(stream, standIn.tls);
        servePostgresStartup(secure, pg.startupReply);
      } else {
        servePostgresStartup(stream, pg.startupReply);
      }
      return;
    }
    stream.removeListener("data", onData);
    stream.write(unb64(pg.startupReply));
  };
  stream.on("data", onData);
}

function servePostgresStartup(stream: Duplex, reply: string) {
  stream.once("data", () => stream.write(unb64(reply)));
}

function wrapTls(stream: Duplex, t: NonNullable<TStandIn["tls"]>): Duplex {
  const ctx = tls.createSecureContext({ cert: t.certPem, key: t.keyPem });
  const secure = new tls.TLSSocket(stream as never, { isServer: true, secureContext: ctx });
  secure.on("error", () => stream.destroy());
  return secure;
}

export function serveStandIn(stream: Duplex, standIn: TStandIn | undefined) {
  stream.on("error", () => {});
  if (!standIn) return; // a listener that says nothing first and was not probed: stay silent
  if (standIn.greeting) stream.write(unb64(standIn.greeting));
  switch (standIn.kind) {
    case "http":
    case "node-inspector":
      serveHttp(stream, standIn.http ?? {});
      break;
    case "https":
      if (standIn.tls) serveHttp(wrapTls(stream, standIn.tls), standIn.http ?? {});
      break;
    case "redis":
      serveRedis(stream, standIn.redis ?? {});
      break;
    case "memcached":
      serveMemcached(stream, standIn.memcached ?? {});
      break;
    case "postgres":
      if (standIn.postgres) servePostgres(stream, standIn);
      break;
    case "silent":
      break;
  }
}
