// One SSH connection per audited host: key or password auth (never an agent, never a
// keyboard-interactive prompt), host key pinned or recorded on first contact, one deadline for
// TCP + handshake + auth, and every failure mapped to a TFailureReason.
import net from "node:net";
import ssh2, { type Client, type ConnectConfig } from "ssh2";
import type { TAuditTarget } from "../audit-types";
import { AuditFailure, handshakeFailure, tcpFailure } from "./failure";
import { fingerprintOfKeyBlob, sameFingerprint } from "./fingerprint";
import { createSemaphore, type TSemaphore } from "./semaphore";

// ssh2 is CommonJS: Node's ESM loader sees no named exports on it.
const { Client: SshClient, utils } = ssh2;

export type TAuditConnection = {
  client: Client;
  target: string; // "user@address:port", for messages
  presentedFingerprint: string;
  firstContact: boolean; // no pin was set: the key was accepted and must be approved by a person
  channels: TSemaphore; // bounds the exec channels open at once
  // Set once the connection has dropped (or was closed by us); exec refuses from then on.
  lost(): AuditFailure | null;
  onLost(listener: (failure: AuditFailure) => void): () => void;
  close(): void;
};

export type TOpenOptions = { connectTimeoutMs: number; maxChannels: number; signal?: AbortSignal };

function describe(target: TAuditTarget) {
  const host = target.address.includes(":") ? `[${target.address}]` : target.address;
  return `${target.username}@${host}:${target.port}`;
}

function abortFailure(signal: AbortSignal): AuditFailure {
  return signal.reason instanceof AuditFailure ? signal.reason : new AuditFailure("error", "audit cancelled");
}

function authConfig(target: TAuditTarget, where: string): Pick<ConnectConfig, "privateKey" | "passphrase" | "password" | "authHandler"> {
  if (target.auth.kind === "password") return { password: target.auth.password, authHandler: ["password"] };
  const parsed = utils.parseKey(target.auth.privateKey, target.auth.passphrase);
  if (parsed instanceof Error) {
    const hint = /encrypted|passphrase/i.test(parsed.message) ? " (missing or wrong passphrase?)" : "";
    throw new AuditFailure("error", `${where}: the stored private key cannot be used${hint}: ${parsed.message}`);
  }
  return { privateKey: target.auth.privateKey, passphrase: target.auth.passphrase, authHandler: ["publickey"] };
}

// TCP first, on our own socket: a refused or silent port is "unreachable", distinct from an SSH
// server that answers but stalls ("timeout"), and we can set TCP_NODELAY before any byte flows.
function connectTcp(target: TAuditTarget, deadline: number, where: string, signal?: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: target.address, port: target.port });
    // Small request/response exchanges stall ~40-50 ms each on Nagle + delayed ACK otherwise.
    sock.setNoDelay(true);
    const done = (err?: AuditFailure) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      sock.removeListener("error", onError);
      sock.removeListener("connect", onConnect);
      if (err) {
        sock.destroy();
        reject(err);
      } else resolve(sock);
    };
    const onError = (err: NodeJS.ErrnoException) => done(tcpFailure(err, where));
    const onConnect = () => done();
    const onAbort = () => done(abortFailure(signal!));
    const waitMs = Math.max(1, deadline - Date.now());
    const timer = setTimeout(
      () => done(new AuditFailure("unreachable", `${where}: no answer from the host within ${waitMs} ms (TCP connect timed out)`)),
      waitMs,
    );
    sock.once("error", onError);
    sock.once("connect", onConnect);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function openConnection(target: TAuditTarget, opts: TOpenOptions): Promise<TAuditConnection> {
  const where = describe(target);
  const deadline = Date.now() + opts.connectTimeoutMs;
  if (opts.signal?.aborted) throw abortFailure(opts.signal);
  const auth = authConfig(target, where);
  const sock = await connectTcp(target, deadline, where, opts.signal);

  return new Promise((resolve, reject) => {
    const client = new SshClient();
    let presented: string | null = null;
    let settled = false;
    const pinned = target.pinnedFingerprint;

    const settle = (err: AuditFailure | null) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      client.removeListener("error", onError);
      client.removeListener("close", onEarlyClose);
      if (err) {
        client.on("error", () => {}); // late errors from a connection we are abandoning
        client.end();
        sock.destroy();
        reject(err);
      }
    };
    const onError = (err: Error) => {
      if (presented !== null && pinned !== null && !sameFingerprint(presented, pinned)) {
        settle(
          new AuditFailure(
            "host-key-changed",
            `${where}: host key changed: pinned ${pinned}, the host presented ${presented}. Not connecting. ` +
              "If the host was reinstalled or its key rotated on purpose, approve the new key; otherwise treat it as a possible man-in-the-middle.",
            presented,
          ),
        );
        return;
      }
      const failure = handshakeFailure(err, where);
      settle(new AuditFailure(failure.reason, failure.message, presented));
    };
    const onEarlyClose = () =>
      settle(new AuditFailure("connection-lost", `${where}: the host closed the connection before authentication finished`, presented));
    const onAbort = () => {
      const f = abortFailure(opts.signal!);
      settle(new AuditFailure(f.reason, f.message, presented));
    };

    client.once("error", onError);
    client.once("close", onEarlyClose);
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    client.once("ready", () => {
      if (settled) return;
      settle(null);
      let lost: AuditFailure | null = null;
      const listeners = new Set<(f: AuditFailure) => void>();
      const channels = createSemaphore(opts.maxChannels);
      const markLost = (failure: AuditFailure) => {
        if (lost) return;
        lost = failure;
        channels.fail(failure);
        for (const l of listeners) l(failure);
        listeners.clear();
      };
      // Later errors (a dropped connection) must not crash the process; exec calls see them.
      client.on("error", (err: Error & { code?: string }) =>
        markLost(new AuditFailure("connection-lost", `${where}: connection lost: ${err.message}${err.code ? ` [${err.code}]` : ""}`, presented)),
      );
      client.on("close", () => markLost(new AuditFailure("connection-lost", `${where}: the host closed the connection`, presented)));
      resolve({
        client,
        target: where,
        presentedFingerprint: presented!,
        firstContact: pinned === null,
        channels,
        lost: () => lost,
        onLost(listener) {
          if (lost) {
            listener(lost);
            return () => {};
          }
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          markLost(new AuditFailure("connection-lost", `${where}: connection closed by the audit`, presented));
          client.end();
          // end() waits for the server's goodbye; do not let a silent host keep the socket.
          setTimeout(() => sock.destroy(), 1000).unref();
        },
      });
    });

    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      sock.destroy();
      settle(new AuditFailure("timeout", `${where}: SSH handshake or authentication did not finish in time`));
      return;
    }
    client.connect({
      sock,
      username: target.username,
      ...auth,
      readyTimeout: remaining,
      agent: undefined,
      tryKeyboard: false,
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOfKeyBlob(key);
        // First contact (no pin): accept and report what was presented, for a person to approve.
        return pinned === null || sameFingerprint(presented, pinned);
      },
    });
  });
}
