// Small fake services for the probe tests, served behind the test SSH server's port forwarding
// (lib/audit/ssh/test-ssh-server.ts). Byte-level answers come from documentation or from the
// lab captures (scripts/lab/sim/captures) where the lab runs the real service. Test support only.
import type { Duplex } from "node:stream";
import { loadCaptures, type TStandIn } from "../../../scripts/lab/sim/capture-format";
import { serveStandIn } from "../../../scripts/lab/sim/stand-ins";
import { bsonScalars } from "./mongodb";

export type TService = (stream: Duplex) => void;

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

export function httpResponse(status: string, headers: Record<string, string>, body = ""): string {
  const lines = Object.entries({ ...headers, "Content-Length": String(Buffer.byteLength(body)), Connection: "close" }).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status}\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
}

// An HTTP service answering by path (anything else: the "/palisade-probe-404" answer, or 404).
export function httpService(byPath: Record<string, string>): TService {
  const http = Object.fromEntries(Object.entries(byPath).map(([p, r]) => [p, b64(r)]));
  return (stream) => serveStandIn(stream, { proto: "tcp", port: 0, kind: "http", accepts: ["127.0.0.1"], http });
}

// The lab's captured exchanges with a real service, replayed (what the demo fleet does).
export function captured(scenario: string, port: number): TService {
  const standIn = loadCaptures()
    .find((c) => c.scenario === scenario)
    ?.standIns.find((s) => s.port === port);
  if (!standIn) throw new Error(`no capture of ${scenario} port ${port}`);
  return (stream) => serveStandIn(stream, standIn);
}

export function standIn(s: Omit<TStandIn, "proto" | "accepts">): TService {
  return (stream) => serveStandIn(stream, { proto: "tcp", accepts: ["127.0.0.1"], ...s });
}

export const silent: TService = (stream) => {
  stream.on("data", () => {});
};

export function banner(text: string | Buffer): TService {
  return (stream) => {
    stream.write(text);
    stream.on("data", () => {});
  };
}

// Speaks first and keeps talking: far more than any probe may read.
export function flood(bytes: number): TService {
  return (stream) => {
    stream.on("error", () => {});
    stream.end(Buffer.alloc(bytes, "A"));
  };
}

export function smtpServer(greeting = "220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n"): TService {
  return (stream) => {
    stream.write(greeting);
    let buf = "";
    stream.on("data", (d: Buffer) => {
      buf += d.toString("latin1");
      let nl: number;
      while ((nl = buf.indexOf("\r\n")) !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (/^EHLO /i.test(line)) stream.write("250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
        else if (/^QUIT/i.test(line)) stream.end("221 2.0.0 Bye\r\n");
        else stream.write("502 5.5.2 Error: command not recognized\r\n");
      }
    });
  };
}

// A MySQL 5.6 handshake packet: the Protocol::HandshakeV10 example of the MySQL internals manual
// (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html).
export const MYSQL_GREETING = Buffer.from(
  "500000000a352e362e342d6d372d6c6f6700560a00005242337a7a26477200ffff0802000fc015000000000000000000002b7944262f5a5a3330355a47006d7973716c5f6e61746976655f70617373776f726400",
  "hex",
);

export function bson(fields: Array<[string, number | string | boolean]>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) {
    const name = Buffer.from(`${k}\0`);
    if (typeof v === "boolean") parts.push(Buffer.from([0x08]), name, Buffer.from([v ? 1 : 0]));
    else if (typeof v === "number" && Number.isInteger(v)) {
      const n = Buffer.alloc(4);
      n.writeInt32LE(v);
      parts.push(Buffer.from([0x10]), name, n);
    } else if (typeof v === "number") {
      const n = Buffer.alloc(8);
      n.writeDoubleLE(v);
      parts.push(Buffer.from([0x01]), name, n);
    } else {
      const s = Buffer.from(`${v}\0`);
      const n = Buffer.alloc(4);
      n.writeInt32LE(s.length);
      parts.push(Buffer.from([0x02]), name, n, s);
    }
  }
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + body.length + 1);
  return Buffer.concat([size, body, Buffer.from([0])]);
}

// mongod: the canned HTTP answer on its driver port, and OP_MSG isMaster.
export function mongod(): TService {
  return (stream) => {
    let buf = Buffer.alloc(0);
    stream.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.subarray(0, 4).toString("latin1") === "GET ") {
        const body = "It looks like you are trying to access MongoDB over HTTP on the native driver port.\n";
        stream.end(`HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        return;
      }
      if (buf.length < 16 || buf.length < buf.readInt32LE(0)) return;
      const request = bsonScalars(buf.subarray(21));
      if (buf.readInt32LE(12) !== 2013 || request.isMaster !== "1") return void stream.end();
      const doc = bson([["ismaster", true], ["maxWireVersion", 21], ["minWireVersion", 0], ["ok", 1.5]]);
      const body = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), doc]);
      const header = Buffer.alloc(16);
      header.writeInt32LE(16 + body.length, 0);
      header.writeInt32LE(99, 4);
      header.writeInt32LE(buf.readInt32LE(4), 8);
      header.writeInt32LE(2013, 12);
      stream.write(Buffer.concat([header, body]));
      buf = Buffer.alloc(0);
    });
  };
}
