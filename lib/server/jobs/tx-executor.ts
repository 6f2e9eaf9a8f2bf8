import type { TTx } from "@/lib/server/db";

// pg-boss runs its insert through the caller's transaction, so rows and the
// jobs that work on them are created together or not at all.
export const txExecutor = (tx: TTx) => ({
  executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
});
