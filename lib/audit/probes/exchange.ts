// One request and its answer on a byte stream, bounded in time and size. The stream stays open
// (paused) for the next exchange: an SMTP EHLO follows the banner, Redis INFO follows PING.
import type { Duplex } from "node:stream";

// Why reading stopped. "complete": the answer is whole by the protocol's own framing;
// "idle": bytes came, then nothing more for a moment; "timeout": no (more) answer in time.
export type TReadEnd = "complete" | "idle" | "closed" | "timeout" | "limit" | "error";

export type TExchangeResult = { bytes: Buffer; end: TReadEnd; error: string | null; ms: number };

export type TExchangeOptions = {
  send?: Buffer | string;
  timeoutMs: number;
  maxBytes: number;
  // The answer is whole (e.g. a full HTTP response, a Redis line).
  complete?: (bytes: Buffer) => boolean;
  // After the first byte, stop when the peer is quiet this long (answers without framing).
  idleMs?: number;
};

export function exchange(stream: Duplex, opts: TExchangeOptions): Promise<TExchangeResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (end: TReadEnd, error: string | null = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(idle);
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("close", onEnd);
      stream.removeListener("error", onError);
      if (!stream.destroyed) stream.pause();
      resolve({ bytes: Buffer.concat(chunks), end, error, ms: performance.now() - t0 });
    };
    const onData = (d: Buffer) => {
      const room = opts.maxBytes - size;
      if (room <= 0) return finish("limit");
      const take = d.length > room ? d.subarray(0, room) : d;
      chunks.push(take);
      size += take.length;
      if (size >= opts.maxBytes) return finish("limit");
      if (opts.complete?.(Buffer.concat(chunks))) return finish("complete");
      if (opts.idleMs !== undefined) {
        clearTimeout(idle);
        idle = setTimeout(() => finish("idle"), opts.idleMs);
      }
    };
    const onEnd = () => finish("closed");
    const onError = (err: Error) => finish("error", err.message);
    const timer = setTimeout(() => finish("timeout"), Math.max(0, opts.timeoutMs));
    if (stream.destroyed || stream.readableEnded) {
      finish("closed");
      return;
    }
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("close", onEnd);
    stream.once("error", onError);
    stream.resume();
    if (opts.send !== undefined && opts.send.length > 0) {
      try {
        stream.write(opts.send);
      } catch (err) {
        finish("error", (err as Error).message);
      }
    }
  });
}

// Line-based protocols: the first line has arrived.
export const firstLineComplete = (b: Buffer) => b.includes("\n");
