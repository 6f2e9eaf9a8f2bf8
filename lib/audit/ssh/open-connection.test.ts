import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { generateEd25519 } from "../../../scripts/lab/keys";
import type { TAuditTarget } from "../audit-types";
import { runCommand } from "./exec";
import { openConnection } from "./open-connection";
import { useTestServer } from "./use-test-server";

const ssh = useTestServer();
const opts = { connectTimeoutMs: 3000, maxChannels: 5 };

describe("openConnection", () => {
  it("on first contact accepts the key and reports its fingerprint for a person to approve", async () => {
    const server = await ssh.start();
    const conn = await ssh.connect(server, { pinnedFingerprint: null });
    expect(conn.firstContact).toBe(true);
    expect(conn.presentedFingerprint).toBe(server.hostKeyFingerprint);
  });

  it("refuses a host whose key differs from the pin, naming both fingerprints", async () => {
    const server = await ssh.start();
    const pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const err = await ssh.connect(server, { pinnedFingerprint: pinned }).catch((e) => e);
    expect(err).toMatchObject({ reason: "host-key-changed", presentedFingerprint: server.hostKeyFingerprint });
    expect(err.message).toContain(pinned);
    expect(err.message).toContain(server.hostKeyFingerprint);
    expect(server.stats.execs).toBe(0);
  });

  it("logs in with a password, and says auth-refused for a wrong one", async () => {
    const server = await ssh.start({ password: "correct horse" });
    const conn = await ssh.connect(server, { auth: { kind: "password", password: "correct horse" } });
    expect((await runCommand(conn, "echo ok", { timeoutMs: 2000, maxOutputBytes: 100 })).exitCode).toBe(0);
    await expect(ssh.connect(server, { auth: { kind: "password", password: "wrong" } })).rejects.toMatchObject({ reason: "auth-refused" });
  });

  it("uses a passphrase-protected key, and explains a missing passphrase without contacting the host", async () => {
    const server = await ssh.start();
    const enc = generateEd25519("test", "s3cret");
    const conn = await ssh.connect(server, { auth: { kind: "key", privateKey: enc.privateKey, passphrase: "s3cret" } });
    expect(conn.presentedFingerprint).toBe(server.hostKeyFingerprint);
    const err = await ssh.connect(server, { auth: { kind: "key", privateKey: enc.privateKey } }).catch((e) => e);
    expect(err).toMatchObject({ reason: "error" });
    expect(err.message).toMatch(/passphrase/);
  });

  it("says auth-refused when the user is not accepted", async () => {
    const server = await ssh.start();
    await expect(ssh.connect(server, { username: "mallory" })).rejects.toMatchObject({ reason: "auth-refused" });
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
