/**
 * A bound on concurrent requests per cloud endpoint, shared by every lookup in a process (a stack with 50
 * lookups must not fire 50 list calls at one throttled API at once). Keys are endpoint hosts.
 */
export class ConcurrencyLimiter {
  private active = new Map<string, number>();
  private waiting = new Map<string, (() => void)[]>();
  /** Highest number of requests in flight at once per key, for the load figures. */
  readonly peak = new Map<string, number>();
  constructor(readonly maxPerKey: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const n = this.active.get(key) ?? 0;
    if (n < this.maxPerKey) {
      this.active.set(key, n + 1);
      this.peak.set(key, Math.max(this.peak.get(key) ?? 0, n + 1));
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next)
      next(); // hand the slot over without decrementing
    else this.active.set(key, (this.active.get(key) ?? 1) - 1);
  }
}
