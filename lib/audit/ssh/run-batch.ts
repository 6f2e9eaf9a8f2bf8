// Many fixed command strings on one audit connection, through as few exec channels as possible:
// each channel runs a framed batch script (batch-script.ts) and yields one TCommandRun per
// command, exactly as runCommand would have: its own stdout, stderr, exit code, duration, cap
// and timeout. One channel per command costs the auditor and sshd a session each (and, with at
// most 5 open at once, a round trip per wave); one per batch costs one.
//
// A command that times out ends its channel (as runCommand's would); those after it run in a
// fresh batch. A batch whose framing cannot be trusted, or a host without a usable /bin/sh,
// falls back to runCommand per command for the rest of the connection.
import { randomBytes } from "node:crypto";
import { BATCH_BOOTSTRAP, buildBatchScript, FrameReader } from "./batch-script";
import { CappedBuffer, CLOSE_GRACE_MS, openExecWithRetry, refusedRun, runCommand, type TCommandRun, type TRunOptions } from "./exec";
import type { TAuditConnection } from "./open-connection";

// Connections whose host could not run a batch: every later command goes one channel each.
const noBatch = new WeakSet<TAuditConnection>();

type TSlot = {
  out: CappedBuffer;
  err: CappedBuffer;
  startedAt: Date | null;
  t0: number;
  exitCode: number | null | undefined; // undefined: stdout's end marker not seen yet
  errEnded: boolean;
  durationMs: number;
};

type TBatchOutcome = {
  runs: (TCommandRun | undefined)[]; // undefined: not run (or not completely seen): run again
  unusable: boolean; // the host cannot batch: fall back for the rest of the connection
};

function runOf(command: string, s: TSlot, interrupted: TCommandRun["interrupted"]): TCommandRun {
  return {
    command,
    stdout: s.out.bytes(),
    stderr: s.err.bytes(),
    exitCode: interrupted ? null : (s.exitCode ?? null),
    signal: null,
    interrupted,
    truncated: s.out.truncated || s.err.truncated,
    startedAt: s.startedAt ?? new Date(),
    durationMs: interrupted ? performance.now() - s.t0 : s.durationMs,
  };
}

async function runBatchOnce(conn: TAuditConnection, commands: string[], opts: TRunOptions): Promise<TBatchOutcome> {
  const nonce = randomBytes(16).toString("hex");
  const script = buildBatchScript(nonce, commands);
  const slots: TSlot[] = commands.map(() => ({ out: new CappedBuffer(opts.maxOutputBytes), err: new CappedBuffer(opts.maxOutputBytes), startedAt: null, t0: 0, exitCode: undefined, errEnded: false, durationMs: 0 }));
  const done = (s: TSlot) => s.exitCode !== undefined && s.errEnded;
  let current = 0;
  let timer: NodeJS.Timeout | undefined;
  let timedOut: number | null = null;
  let onTimeout = () => {};
  // The clock of command i starts when its start marker arrives (the first one's at channel open).
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => onTimeout(), opts.timeoutMs);
  };
  const finishSlot = (i: number) => {
    const s = slots[i]!;
    if (done(s)) s.durationMs = performance.now() - s.t0;
  };
  const outReader = new FrameReader(nonce, true, {
    start: (i) => {
      const s = slots[i];
      if (!s) return;
      s.startedAt = new Date();
      s.t0 = performance.now();
      current = i;
      arm();
    },
    data: (i, d) => slots[i]?.out.push(d),
    end: (i, code) => {
      const s = slots[i];
      if (!s) return;
      s.exitCode = code;
      finishSlot(i);
      // Until the next start marker, the wait counts against the next command.
      current = i + 1;
      const next = slots[current];
      if (next) next.t0 = performance.now();
      arm();
    },
  });
  const errReader = new FrameReader(nonce, false, {
    start: () => {},
    data: (i, d) => slots[i]?.err.push(d),
    end: (i) => {
      const s = slots[i];
      if (!s) return;
      s.errEnded = true;
      finishSlot(i);
    },
  });

  const release = await conn.channels.acquire();
  let released = false;
  const releaseOnce = () => {
    if (!released) release();
    released = true;
  };
  const opened = performance.now();
  let state;
  try {
    state = await openExecWithRetry(conn, BATCH_BOOTSTRAP, { out: (d) => outReader.push(d), err: (d) => errReader.push(d) });
  } catch (err) {
    releaseOnce();
    throw err;
  }
  if (!state) {
    releaseOnce();
    const now = new Date();
    return { runs: commands.map((c) => refusedRun(c, now, performance.now() - opened)), unusable: false };
  }
  const { channel } = state;
  void state.closed.then(releaseOnce);
  slots[0]!.t0 = opened;
  channel.end(script);

  return new Promise<TBatchOutcome>((resolve, reject) => {
    let settled = false;
    let stopWatchingLoss = () => {};
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatchingLoss();
      fn();
    };
    const outcome = (): TBatchOutcome => {
      outReader.finish();
      errReader.finish();
      const failure = outReader.failure ?? errReader.failure;
      if (failure) return { runs: commands.map(() => undefined), unusable: true };
      const runs = commands.map((c, i) => {
        const s = slots[i]!;
        if (done(s)) return runOf(c, s, null);
        return i === timedOut ? runOf(c, s, "timeout") : undefined;
      });
      // Nothing at all came back framed: no usable sh on this host.
      return { runs, unusable: runs.every((r) => r === undefined) };
    };
    onTimeout = () => {
      // Commands completed before the one that hung keep their results; the rest run again.
      timedOut = current;
      settle(() => resolve(outcome()));
      try {
        channel.signal("KILL");
      } catch {}
      channel.close();
      setTimeout(releaseOnce, CLOSE_GRACE_MS).unref();
    };
    arm();
    stopWatchingLoss = conn.onLost((failure) =>
      settle(() => {
        releaseOnce();
        reject(failure);
      }),
    );
    void state.closed.then(() =>
      settle(() => {
        const lost = conn.lost();
        if (lost) reject(lost);
        else resolve(outcome());
      }),
    );
  });
}

// One result per command, in order. A single command takes runCommand's path unchanged.
export async function runCommands(conn: TAuditConnection, commands: readonly string[], opts: TRunOptions): Promise<TCommandRun[]> {
  const results: (TCommandRun | undefined)[] = commands.map(() => undefined);
  let pending = commands.map((_, i) => i);
  while (pending.length > 0) {
    if (pending.length === 1 || noBatch.has(conn)) {
      const runs = await Promise.all(pending.map((i) => runCommand(conn, commands[i]!, opts)));
      pending.forEach((i, k) => (results[i] = runs[k]));
      break;
    }
    const batch = await runBatchOnce(conn, pending.map((i) => commands[i]!), opts);
    if (batch.unusable) noBatch.add(conn);
    pending.forEach((i, k) => (results[i] = batch.runs[k]));
    pending = pending.filter((i) => results[i] === undefined);
  }
  return results as TCommandRun[];
}
