import dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLinkLocal, literalRefusal } from "./refuse-link-local";
import { sendWebhook } from "./send-webhook";

describe("link-local webhook targets", () => {
  it("recognises IPv4, IPv6 and IPv4-mapped link-local addresses", () => {
    for (const a of ["169.254.169.254", "169.254.0.1", "fe80::1", "FEBF::1", "::ffff:169.254.169.254"]) expect(isLinkLocal(a)).toBe(true);
    for (const a of ["127.0.0.1", "10.0.0.1", "192.168.1.1", "::1", "fd00:ec2::254", "8.8.8.8", "fec0::1"]) expect(isLinkLocal(a)).toBe(false);
  });

  it("refuses a metadata URL by literal address and lets other literals through", () => {
    expect(literalRefusal("http://169.254.169.254/latest/meta-data/")).toMatch(/link-local address \(169\.254\.169\.254\)/);
    expect(literalRefusal("http://[fe80::1]:8080/hook")).toMatch(/link-local/);
    expect(literalRefusal("http://127.0.0.1:9000/hook")).toBeNull();
    expect(literalRefusal("http://localhost:9000/hook")).toBeNull();
  });
});

// A real receiver on 127.0.0.1. The names are answered by a resolver passed in,
// because a DNS server that changes its answer cannot be set up here: it stands
// for a name that resolves to the receiver once and to the metadata service next.
describe("sending to a name", () => {
  const received: string[] = [];
  let receiver: http.Server;
  let port: number;
  const send = (host: string, resolve: typeof dns.lookup) =>
    sendWebhook({ url: `http://${host}:${port}/hook`, body: { hello: "world" }, secret: "s", event: "ping", deliveryId: "d1", timeoutMs: 5000, resolve });
  // Answers each lookup with the next address, and counts the lookups.
  const answering = (...answers: string[]) => {
    const lookups: string[] = [];
    const resolve = ((host: string, _options: unknown, callback: (e: Error | null, a: dns.LookupAddress[]) => void) => {
      lookups.push(host);
      callback(null, [{ address: answers[Math.min(lookups.length - 1, answers.length - 1)]!, family: 4 }]);
    }) as unknown as typeof dns.lookup;
    return { resolve, lookups };
  };

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      req.resume();
      received.push(req.headers.host ?? "");
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it("delivers to a name that resolves to an allowed address", async () => {
    expect(await send("receiver.test", answering("127.0.0.1").resolve)).toEqual({ ok: true, status: 204 });
    expect(received).toContain(`receiver.test:${port}`);
  });

  it("refuses a name that resolves to the metadata service, judged on the lookup the connection uses", async () => {
    const before = received.length;
    const dnsAnswers = answering("169.254.169.254", "127.0.0.1");
    const result = await send("rebind.test", dnsAnswers.resolve);
    // One lookup only, the connection's: no earlier check a later answer could differ from.
    expect(dnsAnswers.lookups).toEqual(["rebind.test"]);
    expect(result).toEqual({ ok: false, status: null, error: expect.stringMatching(/^Refused: rebind\.test is a link-local address \(169\.254\.169\.254\)/) });
    expect(received).toHaveLength(before);
  });
});
