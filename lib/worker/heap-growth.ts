// The worker's live heap is small (60-110 MB at 32 hosts at once, mostly code: module sources and
// Prisma's query compiler; each host's own data is a few hundred KB), but it allocates fast, and
// V8 lets the heap grow to up to 4x the live set between full collections when it does: ~240 MB
// of heap and ~440 MB RSS in `npm run bench -- scale`. Growing by at most 1.25x keeps the same
// run near 360 MB RSS (1.5x: 370-410) for no measurable CPU: full collections of a small live
// set are cheap.
// Process-wide; the flag is read at every collection, so setting it at start is enough.
import v8 from "node:v8";

const HEAP_GROWING_PERCENT = 25;
let applied = false;

export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
