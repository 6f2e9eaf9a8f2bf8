import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { generateEd25519 } from "../../../scripts/lab/keys";
import type { TAuditTarget } from "../audit-types";
import { runCommand } from "./exec";
import { openConnection, type TAuditConnection } from "./open-connection";
import { startTestServer, type TTestServer } from "./test-ssh-server";

let server: TTestServer | undefined;
let conn: TAuditConnection | undefined;
afterEach(async () => {
  conn?.close();
  conn = undefined;
  await server?.close();
  server = undefined;
});

const opts = { connectTimeoutMs: 3000, maxChannels: 5 };
const target = (s: TTestServer, over: Partial<TAuditTarget> = {}): TAuditTarget => ({
  address: "127.0.0.1",
  port: s.port,
  username: "audit",
  auth: { kind: "key", privateKey: s.clientKey },
  pinnedFingerprint: s.hostKeyFingerprint,
  ...over,
});

describe("openConnection", () => {
  it("on first contact accepts the key and reports its fingerprint for a person to approve", async () => {
    server = await startTestServer();
    conn = await openConnection(target(server, { pinnedFingerprint: null }), opts);
    expect(conn.firstContact).toBe(true);
    expect(conn.presentedFingerprint).toBe(server.hostKeyFingerprint);
  });

  it("refuses a host whose key differs from the pin, naming both fingerprints", async () => {
    server = await startTestServer();
    const pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const err = await openConnection(target(server, { pinnedFingerprint: pinned }), opts).catch((e) => e);
    expect(err).toMatchObject({ reason: "host-key-changed", presentedFingerprint: server.hostKeyFingerprint });
    expect(err.message).toContain(pinned);
    expect(err.message).toContain(server.hostKeyFingerprint);
    expect(server.stats.execs).toBe(0);
  });

  it("logs in with a password, and says auth-refused for a wrong one", async () => {
    server = await startTestServer({ password: "correct horse" });
    conn = await openConnection(target(server, { auth: { kind: "password", password: "correct horse" } }), opts);
    expect((await runCommand(conn, "echo ok", { timeoutMs: 2000, maxOutputBytes: 100 })).exitCode).toBe(0);
    await expect(openConnection(target(server, { auth: { kind: "password", password: "wrong" } }), opts)).rejects.toMatchObject({ reason: "auth-refused" });
  });

  it("uses a passphrase-protected key, and explains a missing passphrase without contacting the host", async () => {
    server = await startTestServer();
    const enc = generateEd25519("test", "s3cret");
    conn = await openConnection(target(server, { auth: { kind: "key", privateKey: enc.privateKey, passphrase: "s3cret" } }), opts);
    expect(conn.presentedFingerprint).toBe(server.hostKeyFingerprint);
    const err = await openConnection(target(server, { auth: { kind: "key", privateKey: enc.privateKey } }), opts).catch((e) => e);
    expect(err).toMatchObject({ reason: "error" });
    expect(err.message).toMatch(/passphrase/);
  });

  it("says auth-refused when the user is not accepted", async () => {
    server = await startTestServer();
    await expect(openConnection(target(server, { username: "mallory" }), opts)).rejects.toMatchObject({ reason: "auth-refused" });
  });

  it("says unreachable for a closed port and timeout for a port that never speaks SSH", async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const base: TAuditTarget = { address: "127.0.0.1", port: closedPort, username: "a", auth: { kind: "password", password: "x" }, pinnedFingerprint: null };
    const refused = await openConnection(base, opts).catch((e) => e);
    expect(refused).toMatchObject({ reason: "unreachable" });
    expect(refused.message).toMatch(/refused/);

    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    try {
      const t0 = Date.now();
      const err = await openConnection({ ...base, port: (silent.address() as AddressInfo).port }, { ...opts, connectTimeoutMs: 300 }).catch((e) => e);
      expect(err).toMatchObject({ reason: "timeout" });
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });

  it("stops connecting when cancelled", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    try {
      const ac = new AbortController();
      const p = openConnection(
        { address: "127.0.0.1", port: (silent.address() as AddressInfo).port, username: "a", auth: { kind: "password", password: "x" }, pinnedFingerprint: null },
        { ...opts, signal: ac.signal },
      );
      setTimeout(() => ac.abort(), 50);
      await expect(p).rejects.toMatchObject({ reason: "error", message: "audit cancelled" });
    } finally {
      silent.close();
    }
  });
});
