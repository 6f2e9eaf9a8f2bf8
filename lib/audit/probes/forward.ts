// A TCP connection from the audited host to one of its own listeners, made by the host's sshd
// (direct-tcpip, like `ssh -L`): the probe sees exactly what a local client would. Each open
// channel holds a slot of the connection's channel semaphore, like an exec channel.
import type { ClientChannel } from "ssh2";
import type { TAuditConnection } from "../ssh/open-connection";

// RFC 4254 section 5.1 reason codes.
const ADMINISTRATIVELY_PROHIBITED = 1;
const CONNECT_FAILED = 2;
const UNKNOWN_CHANNEL_TYPE = 3;
const RESOURCE_SHORTAGE = 4;

// "prohibited": the host does not forward at all (AllowTcpForwarding no, PermitOpen, a
// restricted key); "connect-failed": it tried and the listener did not take the connection.
export type TForwardErrorKind = "prohibited" | "connect-failed" | "timeout" | "lost" | "other";

export class ForwardError extends Error {
  constructor(
    readonly kind: TForwardErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type TLink = { stream: ClientChannel; close(): void };

// sshd answers a close only once; a channel whose close is never confirmed gives its slot back
// after this long.
const CLOSE_GRACE_MS = 2000;

function describeFailure(err: Error & { reason?: number | string }, where: string): ForwardError {
  const why = err.message.replace(/^\(SSH\) Channel open failure:\s*/, "").trim();
  switch (err.reason) {
    case ADMINISTRATIVELY_PROHIBITED:
    case UNKNOWN_CHANNEL_TYPE:
      return new ForwardError("prohibited", `the host refused to forward a connection to ${where} (administratively prohibited${why ? `: ${why}` : ""}; AllowTcpForwarding no?)`);
    case CONNECT_FAILED:
      return new ForwardError("connect-failed", `the host could not connect to ${where}${why ? ` (${why})` : " (connection refused)"}`);
    case RESOURCE_SHORTAGE:
      return new ForwardError("other", `the host had no resources to forward a connection to ${where}${why ? ` (${why})` : ""}`);
    default:
      return new ForwardError("other", `forwarding to ${where} failed: ${err.message}`);
  }
}

function openOnce(conn: TAuditConnection, dest: string, port: number, timeoutMs: number): Promise<ClientChannel> {
  const where = `${dest.includes(":") ? `[${dest}]` : dest}:${port}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new ForwardError("timeout", `the host did not open a connection to ${where} within ${timeoutMs} ms`));
    }, timeoutMs);
    try {
      conn.client.forwardOut("127.0.0.1", 0, dest, port, (err, channel) => {
        if (settled) {
          // Opened after we gave up: close it at once.
          if (channel) channel.close();
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (err) reject(conn.lost() ? new ForwardError("lost", conn.lost()!.message) : describeFailure(err, where));
        else resolve(channel);
      });
    } catch (err) {
      // ssh2 throws "Not connected" synchronously once the socket is gone.
      settled = true;
      clearTimeout(timer);
      reject(new ForwardError("lost", conn.lost()?.message ?? (err as Error).message));
    }
  });
}

export async function openForward(conn: TAuditConnection, dest: string, port: number, timeoutMs: number): Promise<TLink> {
  let release: () => void;
  try {
    release = await conn.channels.acquire();
  } catch (err) {
    throw new ForwardError("lost", (err as Error).message);
  }
  let released = false;
  const releaseOnce = () => {
    if (!released) release();
    released = true;
  };
  let channel: ClientChannel;
  try {
    channel = await openOnce(conn, dest, port, timeoutMs);
  } catch (err) {
    releaseOnce();
    throw err;
  }
  channel.on("error", () => {});
  channel.once("close", releaseOnce);
  return {
    stream: channel,
    close() {
      if (released) return;
      // A paused channel with unread bytes never ends, so never emits "close" and would hold its
      // slot until the grace period: drain it.
      channel.removeAllListeners("data");
      channel.resume();
      try {
        channel.close();
      } catch {}
      setTimeout(releaseOnce, CLOSE_GRACE_MS).unref();
    },
  };
}
