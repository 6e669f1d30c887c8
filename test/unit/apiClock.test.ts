/**
 * provider/core/apiClock.ts: where windows end, and the API's clock read from a `Date` header (bounded by the
 * 15 minutes a signed request may be off), kept per lookup run.
 */
import {
  ApiClock,
  MAX_CLOCK_SKEW_MS,
  apiNow,
  clockSkewHint,
  observeApiClock,
  offsetFromDateHeader,
  windowEnd,
  withApiClock,
} from "../../provider/core/apiClock";
import { createContext } from "../../provider/core/context";

const NOW = new Date(Date.UTC(2026, 11, 7, 13, 0, 0));
const MINUTE = 60_000;
const header = (ms: number) => new Date(ms).toUTCString();

test("a window ends at until when given, else now + 15 min", () => {
  expect(MAX_CLOCK_SKEW_MS).toBe(15 * MINUTE);
  expect(windowEnd(undefined, NOW).toISOString()).toBe("2026-12-07T13:15:00.000Z");
  expect(windowEnd(new Date("2026-12-01T00:00:00Z"), NOW).toISOString()).toBe("2026-12-01T00:00:00.000Z");
});

test.each<[string, unknown, number | undefined]>([
  ["14 min ahead", header(NOW.getTime() + 14 * MINUTE), 14 * MINUTE],
  ["14 min behind", header(NOW.getTime() - 14 * MINUTE), -14 * MINUTE],
  ["in step, the header to the second (a runner 400 ms into the second reads -400 ms)", header(NOW.getTime()), -400],
  ["an hour ahead: a proxy's or a cache's Date, bounded to 15 min", header(NOW.getTime() + 60 * MINUTE), 15 * MINUTE],
  ["an hour behind: bounded to -15 min", header(NOW.getTime() - 60 * MINUTE), -15 * MINUTE],
  ["the header repeated (Node gives an array for some)", [header(NOW.getTime() + MINUTE)], MINUTE],
  ["missing", undefined, undefined],
  ["not a date", "yesterday", undefined],
  ["an ISO instant (not the HTTP form)", "2026-12-07T13:00:00Z", undefined],
])("offsetFromDateHeader: %s", (_name, value, expected) => {
  const receivedAt = new Date(NOW.getTime() + (expected === -400 ? 400 : 0));
  expect(offsetFromDateHeader(value, receivedAt)).toBe(expected);
});

test("each run keeps the first answer's offset; apiNow is the runner's now without one", () => {
  const ctx = createContext();
  expect(apiNow(ctx, NOW)).toEqual(NOW);
  observeApiClock(ctx, 5 * MINUTE); // outside a run: nothing is kept
  expect(ctx.apiClock).toBeUndefined();
  const run = withApiClock(ctx);
  expect(run.cache).toBe(ctx.cache);
  expect(run.limiter).toBe(ctx.limiter);
  observeApiClock(run, undefined);
  observeApiClock(run, -14 * MINUTE);
  observeApiClock(run, 3 * MINUTE);
  expect(run.apiClock).toBeInstanceOf(ApiClock);
  expect(run.apiClock!.offsetMs).toBe(-14 * MINUTE);
  expect(apiNow(run, NOW).toISOString()).toBe("2026-12-07T12:46:00.000Z");
  expect(withApiClock(run).apiClock!.offsetMs).toBeUndefined();
});

test.each<[string, number | undefined, string | undefined]>([
  [
    "20 min behind the API",
    20 * MINUTE,
    "this machine's clock is 20 minutes behind the API's (its Date header), more than the 15 the API accepts; sync it (NTP)",
  ],
  [
    "16 min ahead of the API",
    -16 * MINUTE,
    "this machine's clock is 16 minutes ahead of the API's (its Date header), more than the 15 the API accepts; sync it (NTP)",
  ],
  ["exactly 15 min off: accepted by the API, so the refusal is something else", 15 * MINUTE, undefined],
  ["2 min off", -2 * MINUTE, undefined],
  ["no Date header", undefined, undefined],
])("clockSkewHint: %s", (_name, offset, expected) => {
  expect(clockSkewHint(offset === undefined ? undefined : header(NOW.getTime() + offset), NOW)).toBe(expected);
});
