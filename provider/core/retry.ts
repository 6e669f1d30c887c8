/**
 * Retry policy as data (house style 4): attempts, base, cap, jitter and an overall deadline. The loop retries
 * only errors whose cloud classification says a retry can help (throttling, 5xx, network, timeouts, malformed
 * bodies), honours the server's Retry-After, and stamps the final error with the number of attempts.
 * Backoff is "full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): a uniform delay in
 * [0, min(cap, base * 2^n)], which spreads the retries of many lookups in one deployment.
 */
import type { Clock } from "./clock";
import { stopwatch } from "./elapsed";
import { CloudApiError } from "./errors";

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** Base delay in ms; 0 in tests. */
  baseDelayMs: number;
  /** Largest single delay in ms. */
  maxDelayMs: number;
  /** `full`: uniform in [0, backoff]; `none`: exactly the backoff. */
  jitter: "full" | "none";
  /** Give up when the next attempt would start later than this many ms after the first. */
  deadlineMs: number;
}

/** Defaults for a deploy-time lookup: 6 attempts over at most about a minute. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  jitter: "full",
  deadlineMs: 60_000,
};

/** The delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return policy.jitter === "full" ? Math.floor(random() * exp) : exp;
}

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  random?: () => number;
  /** Told of each retry, e.g. to log it. */
  onRetry?: (error: CloudApiError, attempt: number, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails with a non-retryable error, or the policy is spent. */
export async function withRetry<T>(ctx: RetryContext, attempt: (n: number) => Promise<T>): Promise<T> {
  // Elapsed time on the clock's monotonic reading (elapsed.ts): a stepped wall clock cannot stretch the budget.
  const elapsedSince = stopwatch(ctx.clock);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof CloudApiError)) throw err;
      err.setAttempts(n);
      if (!err.retryable || n >= ctx.policy.maxAttempts) throw err;
      let delay = backoffDelay(ctx.policy, n, ctx.random);
      if (err.retryAfterSeconds !== undefined) delay = Math.max(delay, Math.min(err.retryAfterSeconds * 1000, ctx.policy.maxDelayMs));
      const elapsed = elapsedSince();
      if (elapsed + delay > ctx.policy.deadlineMs) throw err;
      ctx.onRetry?.(err, n, delay);
      await ctx.clock.sleep(delay);
    }
  }
}
