import { db } from "@/lib/server/db";

// A queued execution or rollback of a hardening step is over once the step has more than
// `after` events and the last is not a "…-queued" one; returns that event.
export async function stepSettled(stepId: string, after: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await db().hardeningEvent.findMany({ where: { stepId }, orderBy: { id: "asc" } });
    const last = events.at(-1)!;
    if (events.length > after && !last.kind.endsWith("-queued")) return last;
    if (Date.now() > deadline) throw new Error(`step ${stepId} still ${last.kind}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
