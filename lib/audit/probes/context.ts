// What one listener's probe shares between its steps: the way to the listener (a forwarded
// channel, to the first destination that takes it), the time left, the transcript, and the
// probe record being filled in.
import type { Duplex } from "node:stream";
import type { TProbe } from "../classification-types";
import type { TAuditConnection } from "../ssh/open-connection";
import { exchange, type TExchangeOptions, type TExchangeResult } from "./exchange";
import { ForwardError, openForward } from "./forward";
import type { TProbeLimits } from "./limits";
import type { TTranscript } from "./transcript";

export type TProbeLink = { id: number; where: string; stream: Duplex; tls: boolean; close(): void };
export type TOpener = () => Promise<TProbeLink>;

export class BudgetSpent extends Error {}

// Errors after which nothing more can be learnt about this listener: out of time, forwarding
// refused, or the connection gone. Anything else ends one step, not the probe.
export function isFatal(err: unknown): boolean {
  return err instanceof BudgetSpent || (err instanceof ForwardError && (err.kind === "prohibited" || err.kind === "lost"));
}

export type TProbeContext = {
  port: number;
  limits: TProbeLimits;
  transcript: TTranscript;
  probe: TProbe;
  // Destinations tried so far, the one that answered last.
  readonly dests: string[];
  // A fresh forwarded connection (plain TCP).
  open: TOpener;
  // Sends (or only waits) and records what came back.
  // `timeoutMs` in the answer is the wait actually allowed (less than asked near the deadline).
  talk(link: TProbeLink, label: string, opts: Omit<TExchangeOptions, "maxBytes">): Promise<TExchangeResult & { timeoutMs: number }>;
  // `ms`, or what is left of the listener's budget if less; throws BudgetSpent when none is.
  wait(ms: number): number;
  closeAll(): void;
};

export function whereOf(dest: string, port: number) {
  return `${dest.includes(":") ? `[${dest}]` : dest}:${port}`;
}

export function createContext(spec: {
  conn: TAuditConnection;
  candidates: string[]; // where to connect, in order: the next is tried when one is refused
  port: number;
  limits: TProbeLimits;
  deadline: number;
  transcript: TTranscript;
  probe: TProbe;
}): TProbeContext {
  const { conn, port, limits, deadline, transcript } = spec;
  const links = new Set<TProbeLink>();
  const dests: string[] = [];
  let chosen: string | null = null;
  let next = 1;

  const wait = (ms: number) => {
    const left = deadline - Date.now();
    if (left <= 0) throw new BudgetSpent(`no time left to probe port ${port} (at most ${limits.listenerBudgetMs} ms a listener, and probing ends before the host's own deadline)`);
    return Math.min(ms, left);
  };

  const openTo = async (dest: string): Promise<TProbeLink> => {
    const id = next++;
    const where = whereOf(dest, port);
    if (!dests.includes(dest)) dests.push(dest);
    let link;
    try {
      link = await openForward(conn, dest, port, wait(limits.openMs));
    } catch (err) {
      transcript.note(id, where, `open: ${(err as Error).message}`);
      throw err;
    }
    const l: TProbeLink = {
      id,
      where,
      stream: link.stream,
      tls: false,
      close() {
        links.delete(l);
        link.close();
      },
    };
    links.add(l);
    return l;
  };

  const open: TOpener = async () => {
    if (chosen) return openTo(chosen);
    let last: unknown;
    for (const dest of spec.candidates) {
      try {
        const l = await openTo(dest);
        chosen = dest;
        return l;
      } catch (err) {
        last = err;
        // Only "nothing listens there" is worth another address; a refusal to forward is final.
        if (!(err instanceof ForwardError) || err.kind !== "connect-failed") throw err;
      }
    }
    throw last;
  };

  return {
    port,
    limits,
    transcript,
    probe: spec.probe,
    dests,
    open,
    wait,
    async talk(link, label, opts) {
      const timeoutMs = wait(opts.timeoutMs);
      transcript.sent(label);
      const r = await exchange(link.stream, { ...opts, timeoutMs, maxBytes: limits.maxBytes });
      transcript.received(link.id, link.where, label, r, timeoutMs);
      return { ...r, timeoutMs };
    },
    closeAll() {
      for (const l of [...links]) l.close();
    },
  };
}
