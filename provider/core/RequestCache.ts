/**
 * Identical requests in one process share one answer: 50 lookups on the same instance cause one scan. The
 * cache is bounded both ways, so memory stays flat in a long-lived process (an Automation API server, a test
 * runner) whose lookups ask for ever new windows: an entry expires `ttlMs` after it was loaded, and beyond
 * `maxEntries` the least recently used entry is dropped. Failures are not kept. Hand-written (a Map kept in
 * recency order) because the package needs only this much of an LRU and a dependency would weigh more.
 */
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
export const DEFAULT_CACHE_ENTRIES = 128;

export class RequestCache {
  private entries = new Map<string, { value: Promise<unknown>; at: number }>();
  hits = 0;
  constructor(
    private readonly ttlMs = DEFAULT_CACHE_TTL_MS,
    private readonly now: () => number = () => Date.now(),
    readonly maxEntries = DEFAULT_CACHE_ENTRIES,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    const now = this.now();
    if (existing && now - existing.at < this.ttlMs) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing.value as Promise<T>;
    }
    this.entries.delete(key);
    const p = load();
    const entry = { value: p as Promise<unknown>, at: now };
    this.entries.set(key, entry);
    p.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.evict(now);
    return p;
  }

  /** Entries held (for tests and the benchmark). */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private evict(now: number): void {
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - e.at < this.ttlMs) break;
      this.entries.delete(key);
    }
  }
}
