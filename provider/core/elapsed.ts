/**
 * Elapsed time on a context's clock (BackupTask's `timeout`): measured on the clock's monotonic reading when it
 * has one (the system clock: `performance.now()`, which NTP never steps), else by differences of its `now`. It
 * never depends on the clock being RIGHT (docs/ARCHITECTURE.md "Whose clock"), only on time moving forward.
 */
import type { Clock } from "./clock";

/** Starts a stopwatch on `clock`; the function returns the milliseconds elapsed since. */
export function stopwatch(clock: Clock): () => number {
  const read = () => (clock.monotonicMs ? clock.monotonicMs() : clock.now().getTime());
  const started = read();
  return () => Math.max(0, read() - started);
}
