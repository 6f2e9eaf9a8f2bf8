// Minimal SSH primitives the engine builds on: connect with a pinned host key, run one fixed
// command with a timeout. Pure Node + ssh2; no Next, no Prisma.
import ssh2, { type Client, type ConnectConfig } from "ssh2";
import { fingerprintOfKeyBlob, sameFingerprint } from "./fingerprint";

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
