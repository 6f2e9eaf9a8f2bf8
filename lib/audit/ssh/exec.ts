// SSH exec. connectPinned/execCommand: the minimal primitives the lab tools use. runCommand: the
// engine's bounded exec on an audit connection (see open-connection.ts). Pure Node + ssh2.
import ssh2, { type Client, type ClientChannel, type ConnectConfig } from "ssh2";
import { fingerprintOfKeyBlob, sameFingerprint } from "./fingerprint";
import type { TAuditConnection } from "./open-connection";

export type TPinnedTarget = {
  host: string;
  port: number;
  username: string;
  privateKey: string | Buffer;
  // "SHA256:..." as recorded when the host was added. The connection is refused on mismatch.
  hostKeyFingerprint: string;
  readyTimeoutMs?: number;
};

export class HostKeyMismatchError extends Error {
  readonly code = "HOST_KEY_MISMATCH";
  constructor(
    readonly expected: string,
    readonly presented: string,
  ) {
    super(`host key mismatch: expected ${expected}, host presented ${presented}`);
  }
}

export class ExecTimeoutError extends Error {
  readonly code = "EXEC_TIMEOUT";
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`command timed out after ${timeoutMs} ms: ${command}`);
  }
}

export function connectPinned(target: TPinnedTarget): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let presented: string | undefined;
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      privateKey: target.privateKey,
      readyTimeout: target.readyTimeoutMs ?? 10_000,
      // Never fall back to an agent or keyboard-interactive prompt.
      agent: undefined,
      tryKeyboard: false,
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOfKeyBlob(key);
        return sameFingerprint(presented, target.hostKeyFingerprint);
      },
    };
    const fail = (err: Error) => {
      client.removeAllListeners("ready");
      client.end();
      if (presented !== undefined && !sameFingerprint(presented, target.hostKeyFingerprint)) {
        reject(new HostKeyMismatchError(target.hostKeyFingerprint, presented));
      } else {
        reject(err);
      }
    };
    client.once("ready", () => {
      client.removeListener("error", fail);
      // Later errors (a dropped connection) must not crash the process; exec calls see them.
      client.on("error", () => {});
      resolve(client);
    });
    client.once("error", fail);
    client.connect(config);
    // Small request/response exchanges stall ~40 ms each on Nagle + delayed ACK otherwise.
    client.setNoDelay(true);
  });
}

export type TExecResult = {
  command: string;
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
};

export function execCommand(client: Client, command: string, opts: { timeoutMs?: number } = {}): Promise<TExecResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let exitCode: number | null = null;
      let signal: string | null = null;
      const timer = setTimeout(() => {
        stream.close();
        reject(new ExecTimeoutError(command, timeoutMs));
      }, timeoutMs);
      stream.on("data", (d: Buffer) => out.push(d));
      stream.stderr.on("data", (d: Buffer) => errOut.push(d));
      stream.on("exit", (code: number | null, sig?: string) => {
        exitCode = code ?? null;
        signal = sig ?? null;
      });
      stream.on("close", () => {
        clearTimeout(timer);
        resolve({
          command,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(errOut),
          exitCode,
          signal,
          durationMs: performance.now() - started,
        });
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The engine's exec: one fixed command string on an audit connection, bounded in time, output
// and concurrency. Never interpolates anything: callers pass command-set strings only.

export type TCommandRun = {
  command: string;
  stdout: Buffer; // at most maxOutputBytes; the rest was received and dropped
  stderr: Buffer;
  exitCode: number | null; // null: timed out, killed by a signal, or the channel was refused
  signal: string | null;
  // Why there is no (complete) answer, beyond the exit code.
  interrupted: null | "timeout" | "channel-refused";
  truncated: boolean;
  startedAt: Date;
  durationMs: number;
};

export type TRunOptions = { timeoutMs: number; maxOutputBytes: number };

// sshd frees a session slot only after the channel close round trip; a refused open is retried
// once after this pause rather than failing the host.
const CHANNEL_RETRY_DELAY_MS = 250;
// After a timeout we close the channel; its slot is held until the server confirms, or this long.
// Released early, a slot may still count on the server: with maxChannels 5 against sshd's
// MaxSessions 10, even five such slots leave room.
export const CLOSE_GRACE_MS = 2000;

function isChannelOpenFailure(err: Error) {
  return /Channel open failure/i.test(err.message);
}

export class CappedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  push(d: Buffer) {
    const room = this.cap - this.size;
    if (room <= 0) {
      if (d.length > 0) this.truncated = true;
      return;
    }
    const part = d.length > room ? d.subarray(0, room) : d;
    if (part.length < d.length) this.truncated = true;
    this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  bytes() {
    return Buffer.concat(this.chunks, this.size);
  }
}

// What one channel said. Listeners are attached inside ssh2's exec callback, synchronously: the
// exit-status packet often arrives in the same socket read as the exec reply, and an "exit"
// event emitted before a listener exists is lost (stdout would still be buffered).
export type TChannelSinks = { out(d: Buffer): void; err(d: Buffer): void };
export type TChannelState = {
  channel: ClientChannel;
  exitCode: number | null;
  signal: string | null;
  closed: Promise<void>;
};

function openExec(conn: TAuditConnection, command: string, sinks: TChannelSinks): Promise<TChannelState> {
  return new Promise((resolve, reject) => {
    try {
      conn.client.exec(command, (err, channel) => {
        if (err) return reject(err);
        const state: TChannelState = {
          channel,
          exitCode: null,
          signal: null,
          closed: new Promise((done) => channel.once("close", () => done())),
        };
        channel.on("data", sinks.out);
        channel.stderr.on("data", sinks.err);
        channel.on("error", () => {});
        channel.on("exit", (code: number | null, sig?: string) => {
          state.exitCode = typeof code === "number" ? code : null;
          state.signal = sig ?? null;
        });
        resolve(state);
      });
    } catch (err) {
      // ssh2 throws "Not connected" synchronously once the socket is gone.
      reject(conn.lost() ?? err);
    }
  });
}

// null: the host refused the channel twice (sshd MaxSessions?).
export async function openExecWithRetry(conn: TAuditConnection, command: string, sinks: TChannelSinks): Promise<TChannelState | null> {
  try {
    return await openExec(conn, command, sinks);
  } catch (err) {
    if (conn.lost()) throw conn.lost();
    if (!(err instanceof Error) || !isChannelOpenFailure(err)) throw err;
  }
  await new Promise((r) => setTimeout(r, CHANNEL_RETRY_DELAY_MS));
  if (conn.lost()) throw conn.lost();
  try {
    return await openExec(conn, command, sinks);
  } catch (err) {
    if (conn.lost()) throw conn.lost();
    if (err instanceof Error && isChannelOpenFailure(err)) return null;
    throw err;
  }
}

export function refusedRun(command: string, startedAt: Date, durationMs: number): TCommandRun {
  const none = Buffer.alloc(0);
  return { command, stdout: none, stderr: none, exitCode: null, signal: null, interrupted: "channel-refused", truncated: false, startedAt, durationMs };
}

// Throws an AuditFailure ("connection-lost") only when the connection itself is gone; a slow
// command or a refused channel comes back as a result with `interrupted` set.
export async function runCommand(conn: TAuditConnection, command: string, opts: TRunOptions): Promise<TCommandRun> {
  const release = await conn.channels.acquire();
  let released = false;
  const releaseOnce = () => {
    if (!released) release();
    released = true;
  };
  const startedAt = new Date();
  const t0 = performance.now();
  const out = new CappedBuffer(opts.maxOutputBytes);
  const err = new CappedBuffer(opts.maxOutputBytes);
  let state: TChannelState | null;
  try {
    state = await openExecWithRetry(conn, command, { out: (d) => out.push(d), err: (d) => err.push(d) });
  } catch (e) {
    releaseOnce();
    throw e;
  }
  if (!state) {
    releaseOnce();
    return refusedRun(command, startedAt, performance.now() - t0);
  }
  const { channel } = state;
  const result = (interrupted: TCommandRun["interrupted"]): TCommandRun => ({
    command,
    stdout: out.bytes(),
    stderr: err.bytes(),
    exitCode: interrupted ? null : state.exitCode,
    signal: state.signal,
    interrupted,
    truncated: out.truncated || err.truncated,
    startedAt,
    durationMs: performance.now() - t0,
  });
  // The slot is free only once the server has confirmed the close (sshd counts it until then).
  void state.closed.then(releaseOnce);
  return new Promise<TCommandRun>((resolve, reject) => {
    let settled = false;
    let stopWatchingLoss = () => {};
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatchingLoss();
      fn();
    };
    const timer = setTimeout(() => {
      finish(() => resolve(result("timeout")));
      // Ask sshd to kill it (OpenSSH >= 7.9 honours signal requests), then close the channel.
      try {
        channel.signal("KILL");
      } catch {}
      channel.close();
      setTimeout(releaseOnce, CLOSE_GRACE_MS).unref();
    }, opts.timeoutMs);
    stopWatchingLoss = conn.onLost((failure) =>
      finish(() => {
        releaseOnce();
        reject(failure);
      }),
    );
    void state.closed.then(() =>
      finish(() => {
        const lost = conn.lost();
        if (lost) reject(lost);
        else resolve(result(null));
      }),
    );
  });
}
