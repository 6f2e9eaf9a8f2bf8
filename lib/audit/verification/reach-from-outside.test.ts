import { createServer, type AddressInfo, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { evidenceHash } from "../evidence";
import { isLoopbackAddress } from "../loopback";
import { checkFromOutside, connectFromHere, outsideEvidence, reachOf } from "./reach-from-outside";

const listen = async (): Promise<Server> => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
};

describe("reaching a port from the worker", () => {
  it("says accepted for a listening port and refused for a closed one (real sockets on 127.0.0.1)", async () => {
    const server = await listen();
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await connectFromHere("127.0.0.1", port, 2000)).toEqual({ reach: "accepted", detail: "the TCP handshake completed" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await connectFromHere("127.0.0.1", port, 2000)).toMatchObject({ reach: "refused", detail: expect.stringMatching(/^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/) });
  });

  it("reads a dropped SYN as no answer and a missing route as unreachable", () => {
    expect(reachOf("ETIMEDOUT")).toBe("no-answer");
    expect(reachOf("ECONNREFUSED")).toBe("refused");
    expect(reachOf("EHOSTUNREACH")).toBe("unreachable");
    expect(reachOf(undefined)).toBe("unreachable");
  });

  it("does not try a host reached through this machine's loopback: it would test this machine", async () => {
    for (const a of ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["10.250.0.5", "fe80::1", "192.0.2.1"]) expect(isLoopbackAddress(a), a).toBe(false);
    expect(await checkFromOutside("127.0.0.1", [6379], { timeoutMs: 100 })).toEqual({ checks: [], evidence: [] });
    expect(await checkFromOutside("localhost", [6379], { timeoutMs: 100 })).toEqual({ checks: [], evidence: [] });
  });

  it("records the attempt as evidence a reviewer can re-run and re-hash", () => {
    const startedAt = new Date("2026-11-21T10:00:00Z");
    const { check, evidence } = outsideEvidence("10.250.0.5", 6379, { reach: "no-answer", detail: "no answer within 3000 ms", startedAt, durationMs: 3001, timeoutMs: 3000 });
    expect(check).toEqual({ address: "10.250.0.5", port: 6379, reach: "no-answer", text: "from the Palisade worker, 10.250.0.5:6379: no answer (dropped)", evidenceKey: "outside-tcp:6379" });
    expect(evidence).toMatchObject({
      key: "outside-tcp:6379",
      phase: "verification",
      command: "tcp connect 10.250.0.5:6379 from the Palisade worker (to re-run: nc -vz -w 3 10.250.0.5 6379)",
      stdout: "no answer (dropped): no answer within 3000 ms, after 3001 ms\n",
      exitCode: 1,
      startedAt,
    });
    expect(evidence.sha256).toBe(evidenceHash(evidence.command, Buffer.from(evidence.stdout), Buffer.alloc(0), 1));
    expect(outsideEvidence("fd00::5", 80, { reach: "accepted", detail: "ok", startedAt, durationMs: 1, timeoutMs: 3000 }).check.text).toBe("from the Palisade worker, [fd00::5]:80: connection accepted");
  });
});
