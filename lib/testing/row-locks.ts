import { db } from "@/lib/server/db";

// Forcing an interleaving of transactions in a test: hold rows locked from a
// connection of its own, see who queues behind them, then let go.

export async function holdRowLock(table: "Run" | "User", id: string) {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const held = db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, id);
      locked();
      await new Promise<void>((r) => (release = r));
    },
    { timeout: 30_000 },
  );
  await isLocked;
  return async () => {
    release();
    await held;
  };
}

const lockWaiters = async () =>
  Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n);

// Resolves once n statements wait on a lock, or after 5 s (a statement that
// never waits is the caller's to notice by its result).
export async function untilLockWaiters(n: number) {
  for (let i = 0; i < 500 && (await lockWaiters()) < n; i++) await new Promise((r) => setTimeout(r, 10));
}
