// A counting semaphore: at most `limit` holders at once, waiters served in arrival order.
// One per SSH connection bounds the exec channels open on it (sshd refuses the 11th session
// under its default MaxSessions 10, and frees a slot only after the channel has fully closed).

export type TSemaphore = {
  acquire(): Promise<() => void>;
  readonly active: number;
  readonly peak: number;
  readonly waiting: number;
  // Rejects every waiter (the connection is gone); later acquires reject at once.
  fail(err: Error): void;
};

export function createSemaphore(limit: number): TSemaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  let active = 0;
  let peak = 0;
  let failed: Error | null = null;
  const queue: Array<{ resolve: (release: () => void) => void; reject: (err: Error) => void }> = [];

  const grant = (): (() => void) => {
    active++;
    peak = Math.max(peak, active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      const next = queue.shift();
      if (next) next.resolve(grant());
    };
  };

  return {
    acquire() {
      if (failed) return Promise.reject(failed);
      if (active < limit) return Promise.resolve(grant());
      return new Promise((resolve, reject) => queue.push({ resolve, reject }));
    },
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
    get waiting() {
      return queue.length;
    },
    fail(err) {
      failed = err;
      for (const w of queue.splice(0)) w.reject(err);
    },
  };
}
