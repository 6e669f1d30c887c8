import { ManualClock } from "../../provider/core/clock";
import { createContext } from "../../provider/core/context";
import { DEFAULT_CACHE_TTL_MS, RequestCache } from "../../provider/core/RequestCache";

describe("RequestCache", () => {
  test("identical keys share one answer until the TTL passes; then the next call loads again", async () => {
    let now = 1_000;
    const cache = new RequestCache(60_000, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get("k", load), cache.get("k", load)])).toEqual([1, 1]);
    now += 59_999;
    expect(await cache.get("k", load)).toBe(1);
    now += 1;
    expect(await cache.get("k", load)).toBe(2);
    expect(await cache.get("other", load)).toBe(3);
    expect(cache.hits).toBe(2);
  });

  test("a failure is not kept: the next call loads again", async () => {
    const cache = new RequestCache();
    let calls = 0;
    await expect(
      cache.get("k", async () => {
        calls++;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await cache.get("k", async () => ++calls)).toBe(2);
  });
});

describe("RequestCache bounds", () => {
  test("beyond maxEntries the least recently used entry is dropped (a hit makes an entry recent)", async () => {
    const cache = new RequestCache(60_000, () => 0, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get("a", load); // 1
    await cache.get("b", load); // 2
    expect(await cache.get("a", load)).toBe(1); // hit: a is now the most recent
    await cache.get("c", load); // 3: b, the least recent, is dropped
    expect(cache.size).toBe(2);
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("b", load)).toBe(4);
  });

  test("an expired entry is reloaded and expired entries at the front are dropped when new ones arrive", async () => {
    let now = 0;
    const cache = new RequestCache(1_000, () => now, 10);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get("a", load);
    await cache.get("b", load);
    now = 1_000;
    await cache.get("c", load);
    expect(cache.size).toBe(1);
    expect(await cache.get("a", load)).toBe(4);
  });

  test("the defaults: 5 minutes, 128 entries; 1,000 distinct keys leave 128", async () => {
    const cache = new RequestCache();
    for (let i = 0; i < 1000; i++) await cache.get(`k${i}`, async () => i);
    expect([cache.maxEntries, cache.size]).toEqual([128, 128]);
  });
});

describe("the context's cache", () => {
  test("expires answers on the context's clock (time is injected), not the wall clock", async () => {
    const clock = new ManualClock("2026-11-30T12:00:00Z");
    const ctx = createContext({ clock });
    let loads = 0;
    const load = async () => ++loads;
    expect(await ctx.cache!.get("k", load)).toBe(1);
    clock.advance(DEFAULT_CACHE_TTL_MS - 1);
    expect(await ctx.cache!.get("k", load)).toBe(1);
    clock.advance(1);
    expect(await ctx.cache!.get("k", load)).toBe(2);
  });
});
