import { RequestCache } from "../../provider/core/limiter";

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
    await expect(cache.get("k", async () => { calls++; throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await cache.get("k", async () => ++calls)).toBe(2);
  });
});
