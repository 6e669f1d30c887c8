/**
 * Whose clock decides (docs/ARCHITECTURE.md "Whose clock"): the API's, because every backup time is the API's.
 *
 * The runner's clock (the context's `Clock`) may be minutes off: Alibaba and Huawei accept requests signed up to
 * 15 minutes off their own clocks (Alibaba answers `InvalidTimeStamp.Expired` beyond that, Huawei's gateway 401
 * `APIGW.0301`), so a runner 14 minutes behind still gets answers, and a manual backup that ended a minute ago by
 * the API's clock has started and ended in the runner's future. Two decisions used to read the runner's clock:
 *
 * 1. Where windows end. Before any answer the API's time is unknown, but not unbounded: a request is accepted
 *    only within MAX_CLOCK_SKEW_MS of the API's clock, so nothing the API lists can have started later than the
 *    runner's "now" + MAX_CLOCK_SKEW_MS. Every window whose end is not the user's `until` therefore ends there
 *    (`windowEnd`): the window search's first window, the one window of `since`, and the whole-history window of
 *    `--list` where the API requires one (KVStore). Learning the API's clock first would cost a request; the slack
 *    costs nothing, and a record started in those 15 minutes is by definition a legitimate candidate, so the
 *    lookup and `--list` agree. Where the window STARTS (the search's 74 h, KVStore's 730 days) is still measured
 *    from the runner's "now": that only moves which request settles a candidate, never which one wins.
 *
 * 2. How old the chosen backup is (`maxAge`). Each answer's `Date` header is the API's clock; its difference
 *    from the runner's clock when the answer arrived is the offset (`offsetFromDateHeader`), kept per lookup run
 *    (`ApiClock` on a child context, `withApiClock`): the first answer's offset is used (a shared cached answer
 *    carries the offset measured when it arrived, so it is still right). The age is API-now - backup end, API-now
 *    = runner's now + offset (`apiNow`). The offset is bounded by MAX_CLOCK_SKEW_MS (a signed request further
 *    off would have been refused, so a larger one is a proxy's or a cache's Date, not the API's); with no
 *    `Date` header the runner's clock is used, as before.
 *
 * `resolvedAt` stays the runner's clock: it says when the lookup ran, in the runner's terms, like its logs.
 * Durations in `since`/`until` (`7d`) are measured back from the runner's "now" too (they are parsed before any
 * answer); give an instant when minutes matter.
 *
 * BackupTask's waits measure elapsed time as differences of the context's clock (`sleep` and `now` of one
 * clock), which does not depend on that clock being right, only on it not being stepped mid-wait.
 *
 * Cache keys (RequestCache.ts) hold the window end at the API's precision, as before: now + 15 min rounded up to
 * the minute (Alibaba) or the second (Huawei), so identical lookups in one process still share a scan while they
 * fall in the same minute (second).
 */
import type { LookupContext } from "./context";

/** How far off the API's clock a signed request may be and still be answered (both clouds: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** The end of a window: `until` when given, else the runner's `now` plus the skew a signed request may have. */
export function windowEnd(until: Date | undefined, now: Date): Date {
  return until ?? new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
}

/**
 * The API's clock minus the runner's, from an answer's `Date` header (RFC 7231 IMF-fixdate, whole seconds) and
 * the runner's clock when the answer arrived; `undefined` when there is no parsable header. Bounded by
 * MAX_CLOCK_SKEW_MS (see the file header).
 */
export function offsetFromDateHeader(header: unknown, receivedAt: Date, bounded = true): number | undefined {
  const text: unknown = Array.isArray(header) ? header[0] : header;
  if (typeof text !== "string" || !/\d{2}:\d{2}:\d{2} GMT$/.test(text.trim())) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  const offset = ms - receivedAt.getTime();
  if (!bounded) return offset;
  return Math.max(-MAX_CLOCK_SKEW_MS, Math.min(MAX_CLOCK_SKEW_MS, offset));
}

/**
 * The hint for an authentication refusal whose answer shows this machine's clock more than MAX_CLOCK_SKEW_MS off
 * the API's (Huawei's gateway answers every signature failure, an expired X-Sdk-Date too, with 401 APIGW.0301;
 * the Date header tells them apart without reading message text); undefined otherwise.
 */
export function clockSkewHint(header: unknown, receivedAt: Date): string | undefined {
  const offset = offsetFromDateHeader(header, receivedAt, false);
  if (offset === undefined || Math.abs(offset) <= MAX_CLOCK_SKEW_MS) return undefined;
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return `this machine's clock is ${minutes} minutes ${offset > 0 ? "behind" : "ahead of"} the API's (its Date header), more than the 15 the API accepts; sync it (NTP)`;
}

/** What one lookup run learned of the API's clock. */
export class ApiClock {
  /** The API's clock minus the runner's, from the first answer with a `Date` header; undefined until then. */
  offsetMs?: number;
  observe(offsetMs: number | undefined): void {
    if (offsetMs !== undefined && this.offsetMs === undefined) this.offsetMs = offsetMs;
  }
}

/** A context for one lookup run, sharing everything with `ctx` but with its own record of the API's clock. */
export function withApiClock(ctx: LookupContext): LookupContext {
  return { ...ctx, apiClock: new ApiClock() };
}

/** Records an answer's clock offset on the run's context (no-op outside a run). */
export function observeApiClock(ctx: LookupContext, offsetMs: number | undefined): void {
  ctx.apiClock?.observe(offsetMs);
}

/** The API's "now" for a runner's `now`: shifted by the offset learned in this run, else `now` itself. */
export function apiNow(ctx: LookupContext, now: Date): Date {
  const offset = ctx.apiClock?.offsetMs;
  return offset === undefined ? now : new Date(now.getTime() + offset);
}
