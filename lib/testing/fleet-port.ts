// Test fleets listen on consecutive ports below the kernel's ephemeral range
// (32768-60999), where an outgoing connection could take the unreachable
// host's port. Unit test files run in parallel workers, so each worker takes
// ports from a band of its own, and within a worker each fleet takes the next
// ports along: no two fleets overlap, not even on the unreachable host's
// port, which nothing binds and so nothing would guard.
const BAND = 2_000;
const bandStart = 10_000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 10) * BAND;
let next = Math.floor(Math.random() * BAND);

export function testFleetBasePort(hosts: number): number {
  if (next + hosts > BAND) next = 0;
  const base = bandStart + next;
  next += hosts;
  return base;
}
