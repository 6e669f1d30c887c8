/** provider/core/elapsed.ts: BackupTask's elapsed time, on the clock's monotonic reading when it has one. */
import { ManualClock, systemClock, type Clock } from "../../provider/core/clock";
import { stopwatch } from "../../provider/core/elapsed";

test("a ManualClock: elapsed is what was advanced or slept", async () => {
  const clock = new ManualClock("2026-12-07T13:00:00Z");
  const elapsed = stopwatch(clock);
  clock.advance(1500);
  await clock.sleep(10_000);
  expect(elapsed()).toBe(11_500);
});

test("a wall clock stepped back 14 min mid-wait (NTP) does not shrink the elapsed time: the monotonic reading is used", () => {
  let wall = Date.UTC(2026, 11, 7, 13, 0, 0);
  let mono = 1000;
  const clock: Clock = { now: () => new Date(wall), sleep: async () => undefined, monotonicMs: () => mono };
  const elapsed = stopwatch(clock);
  wall -= 14 * 60_000;
  mono += 30_000;
  expect(elapsed()).toBe(30_000);
});

test("a clock without a monotonic reading is measured by differences of now (never negative)", () => {
  let wall = Date.UTC(2026, 11, 7, 13, 0, 0);
  const clock: Clock = { now: () => new Date(wall), sleep: async () => undefined };
  const elapsed = stopwatch(clock);
  wall += 20_000;
  expect(elapsed()).toBe(20_000);
  wall -= 60_000;
  expect(elapsed()).toBe(0);
});

test("the system clock has a monotonic reading (performance.now)", () => {
  expect(typeof systemClock.monotonicMs).toBe("function");
  const elapsed = stopwatch(systemClock);
  expect(elapsed()).toBeGreaterThanOrEqual(0);
});
