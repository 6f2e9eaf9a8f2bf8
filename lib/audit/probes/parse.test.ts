// The probes' readers of raw answers: pure, never throwing on what a host sends, tested on lab
// captures (scripts/lab/sim/captures) and on documented byte sequences.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCaptures } from "../../../scripts/lab/sim/capture-format";
import { httpComplete, parseHttpResponse } from "./http-response";
import { bsonScalars } from "./mongodb";
import { parseMysqlGreeting } from "./mysql";
import { readStartupAnswer } from "./postgres";
import { datastoreOrder } from "./probe-listener";
import { probeDestinations } from "./run-probes";
import { smtpReplyComplete } from "./smtp";
import { parseSshBanner } from "./ssh";
import { bson, MYSQL_GREETING } from "./test-services";
import { printable } from "./transcript";

const standIn = (scenario: string, port: number) => loadCaptures().find((c) => c.scenario === scenario)!.standIns.find((s) => s.port === port)!;
const unb64 = (s: string) => Buffer.from(s, "base64");

function pgMessage(type: string, body: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), len, body]);
}
const pgError = (message: string, code = "28000") => pgMessage("E", Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`));
const pgAuth = (code: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(code);
  return pgMessage("R", b);
};

describe("PostgreSQL startup answers", () => {
  it("reads Debian PostgreSQL 15's SCRAM request as the lab captured it", () => {
    expect(readStartupAnswer(unb64(standIn("localhost-only", 5432).postgres!.startupReply))).toEqual({ authRequired: true, method: "scram-sha-256", error: null });
  });

  it("tells trust from password methods from a pg_hba.conf rejection", () => {
    expect(readStartupAnswer(pgAuth(0))).toMatchObject({ authRequired: false, method: "trust" });
    expect(readStartupAnswer(pgAuth(5))).toMatchObject({ authRequired: true, method: "md5" });
    expect(readStartupAnswer(pgAuth(3))).toMatchObject({ authRequired: true, method: "password (cleartext)" });
    // Only after trust authentication does the server look the role up.
    expect(readStartupAnswer(pgError('role "palisade_probe" does not exist'))).toMatchObject({ authRequired: false, method: "trust" });
    expect(readStartupAnswer(pgError('no pg_hba.conf entry for host "127.0.0.1", user "palisade_probe", database "postgres", no encryption'))).toEqual({
      authRequired: true,
      method: null,
      error: 'FATAL 28000: no pg_hba.conf entry for host "127.0.0.1", user "palisade_probe", database "postgres", no encryption',
    });
    expect(readStartupAnswer(pgAuth(10).subarray(0, 6))).toBeNull();
  });
});

describe("MySQL greetings", () => {
  it("reads version, plugin and TLS capability from the manual's HandshakeV10 example", () => {
    expect(parseMysqlGreeting(MYSQL_GREETING)).toEqual({ kind: "handshake", version: "5.6.4-m7-log", authPlugin: "mysql_native_password", ssl: true });
  });

  it("reads an error packet sent instead of a greeting", () => {
    const msg = Buffer.from("Host '10.0.0.7' is not allowed to connect to this MariaDB server");
    const payload = Buffer.concat([Buffer.from([0xff, 0x6a, 0x04]), msg]);
    const packet = Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]);
    expect(parseMysqlGreeting(packet)).toEqual({ kind: "error", code: 1130, message: msg.toString() });
  });

  it("does not take text or a cut packet for a greeting", () => {
    expect(parseMysqlGreeting(Buffer.from("SSH-2.0-OpenSSH_9.2\r\n"))).toBeNull();
    expect(parseMysqlGreeting(MYSQL_GREETING.subarray(0, 30))).toBeNull();
  });
});

describe("banners and replies", () => {
  it("reads an SSH identification string, after other lines if any", () => {
    expect(parseSshBanner(Buffer.from("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n"))).toEqual({ protocolVersion: "2.0", software: "OpenSSH_9.2p1 Debian-2+deb12u10", line: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10" });
    expect(parseSshBanner(Buffer.from("Welcome\r\nSSH-2.0-dropbear_2022.83\r\n"))?.software).toBe("dropbear_2022.83");
    expect(parseSshBanner(Buffer.from("220 smtp ready\r\n"))).toBeNull();
  });

  it("knows when a multi-line SMTP reply is whole", () => {
    expect(smtpReplyComplete(Buffer.from("250-mail\r\n250-STARTTLS\r\n"))).toBe(false);
    expect(smtpReplyComplete(Buffer.from("250-mail\r\n250-STARTTLS\r\n250 8BITMIME\r\n"))).toBe(true);
  });

  it("reads top-level BSON scalars and survives a cut document", () => {
    const doc = bson([["ismaster", true], ["maxWireVersion", 21], ["setName", "rs0"], ["ok", 1.5]]);
    expect(bsonScalars(doc)).toEqual({ ismaster: "true", maxWireVersion: "21", setName: "rs0", ok: "1.5" });
    expect(() => bsonScalars(doc.subarray(0, 20))).not.toThrow();
  });
});

describe("HTTP responses", () => {
  it("reads the captured nginx answers and knows when each is whole", () => {
    const raw = unb64(standIn("nginx-tls", 443).http!["/"]!);
    expect(parseHttpResponse(raw)).toMatchObject({ status: 403, version: "1.1" });
    expect(parseHttpResponse(raw)!.headers.get("server")).toEqual(["nginx/1.22.1"]);
    expect(httpComplete(raw)).toBe(true);
    expect(httpComplete(raw.subarray(0, raw.length - 1))).toBe(false);
    // HTTP/1.0 with no length (the node inspector's 400): whole only when the server closes.
    expect(httpComplete(unb64(standIn("node-debug", 9229).http!["/"]!))).toBe(false);
  });

  it("de-chunks a chunked body", () => {
    const raw = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{"a":1,\r\n6\r\n"b":2}\r\n0\r\n\r\n');
    expect(httpComplete(raw)).toBe(true);
    expect(parseHttpResponse(raw)!.body.toString()).toBe('{"a":1,"b":2}');
  });
});

describe("where and in which order", () => {
  it("connects to a wildcard listener over loopback, to anything else at its own address", () => {
    expect(probeDestinations({ address: "0.0.0.0", interface: null, port: 80 })).toEqual(["127.0.0.1"]);
    expect(probeDestinations({ address: "*", interface: null, port: 9100 })).toEqual(["127.0.0.1", "::1"]);
    expect(probeDestinations({ address: "::", interface: null, port: 8080 })).toEqual(["::1", "127.0.0.1"]);
    // [::] beside 0.0.0.0 on the same port is IPv6-only: 127.0.0.1 would reach the other socket.
    expect(probeDestinations({ address: "::", interface: null, port: 80 }, [{ address: "0.0.0.0", port: 80 }])).toEqual(["::1"]);
    expect(probeDestinations({ address: "10.250.0.10", interface: null, port: 22 })).toEqual(["10.250.0.10"]);
    expect(probeDestinations({ address: "fe80::1", interface: "%eth0", port: 22 })).toEqual(["fe80::1%eth0"]);
  });

  it("asks the likeliest datastore first, from the answer to a plaintext GET", () => {
    expect(datastoreOrder(Buffer.from("-ERR wrong number of arguments for 'get' command\r\n"), false)[0]).toBe("redis");
    expect(datastoreOrder(Buffer.from("ERROR\r\nERROR\r\n"), false)[0]).toBe("memcached");
    expect(datastoreOrder(pgError("invalid startup packet"), false)[0]).toBe("postgresql");
    expect(datastoreOrder(Buffer.alloc(0), true).slice(0, 2)).toEqual(["postgresql", "mongodb"]);
  });
});

describe("stored transcript text", () => {
  it("keeps UTF-8 text and shows other bytes as \\xNN", () => {
    expect(printable(Buffer.from("GET / ok\r\nnaïve ✓\n"))).toBe("GET / ok\r\nnaïve ✓\n");
    expect(printable(Buffer.from([0x52, 0, 0, 0, 0x17, 0xff, 0x0a]))).toBe("R\\x00\\x00\\x00\\x17\\xff\n");
  });

  it("never throws on hostile bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (a) => {
        const b = Buffer.from(a);
        printable(b);
        parseHttpResponse(b);
        httpComplete(b);
        parseMysqlGreeting(b);
        readStartupAnswer(b);
        bsonScalars(b);
        parseSshBanner(b);
        datastoreOrder(b, false);
        expect(printable(b)).not.toContain("\0");
      }),
      { numRuns: 500 },
    );
  });
});
