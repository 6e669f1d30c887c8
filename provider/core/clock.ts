/**
 * Time is injected (house style 5): logic asks a `Clock` for "now" and for sleeping, never `Date.now()` or
 * `setTimeout` directly, so retries, polling and "newest within 36h" are testable with a fake clock.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /**
   * Milliseconds since an arbitrary origin that never step (NTP may step `now`): for measuring elapsed time
   * (elapsed.ts). Optional: a clock without it is measured by differences of `now`.
   */
  monotonicMs?(): number;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  monotonicMs: () => performance.now(),
};

/**
 * A clock for tests and the demo: time moves only when someone sleeps (instantly) or calls `advance`.
 * `slept` records every sleep so tests can assert backoff schedules exactly.
 */
export class ManualClock implements Clock {
  private current: number;
  readonly slept: number[] = [];
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  monotonicMs(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }
}
