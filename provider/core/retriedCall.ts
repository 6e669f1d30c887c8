/**
 * One API call, made the same way by both cloud clients (clouds/alibaba/AlibabaRpcClient.ts,
 * clouds/huawei/HuaweiClient.ts): each attempt holds a slot of its endpoint's concurrency bound (ctx.limiter),
 * each request sent and each retry is logged at debug level, failures are retried per the context's policy (withRetry), and identical
 * calls share one answer through the context's request cache, unless `fresh` is set (polling, refresh checks) or
 * the context has no cache.
 *
 * An attempt is two steps, so that the debug line means a request really left: `prepare` (credentials, signing)
 * and `send`. The line is logged between them; a `prepare` that fails (no credentials found) sends nothing and
 * logs no request line.
 */
import { LookupContext, audienceOf } from "./context";
import { CloudApiError } from "./errors";
import { withRetry } from "./retry";
import { visible } from "./visible";

export interface RetriedCallTarget {
  /** The API action, for the retry log lines. */
  action: string;
  /** The endpoint host the concurrency bound is kept for. */
  host: string;
  /** What makes two calls identical (their answer is shared). */
  cacheKey: string;
  /** Skip the cache: always ask the cloud. */
  fresh: boolean;
}

/** One attempt of a call: what must succeed before anything is sent, then the request itself. */
export interface CallAttempt<P, T> {
  /** Resolves credentials and signs; runs again on every attempt (a fresh signature each time). */
  prepare: () => P | Promise<P>;
  /** Sends the request `prepare` made ready. */
  send: (prepared: P) => Promise<T>;
}

export function retriedCall<P, T>(ctx: LookupContext, target: RetriedCallTarget, attempt: CallAttempt<P, T>): Promise<T> {
  // A cloud's error is worded for whoever reads this context's messages (errors.ts `Worded`).
  const worded = (err: unknown) => {
    if (err instanceof CloudApiError) err.setAudience(audienceOf(ctx));
    throw err;
  };
  const run = () =>
    withRetry(
      {
        policy: ctx.retry,
        clock: ctx.clock,
        random: ctx.random,
        onRetry: (err, n, delay) => ctx.log.debug(`${target.action}: attempt ${n} failed (${visible(err.code)}); retrying in ${delay} ms`),
      },
      (n) =>
        ctx.limiter.run(target.host, async () => {
          const prepared = await attempt.prepare();
          // One line per request actually sent (a shared answer, or a failed `prepare`, sends none): what `--debug` promises.
          ctx.log.debug(`${target.action}: request to ${target.host}${n > 1 ? ` (attempt ${n})` : ""}`);
          ctx.explain?.request(target.action);
          return attempt.send(prepared);
        }),
    ).catch(worded);
  if (target.fresh || !ctx.cache) return run();
  const hits = ctx.cache.hits;
  const answer = ctx.cache.get(target.cacheKey, run);
  if (ctx.cache.hits > hits) ctx.explain?.cacheHit(target.action);
  return answer;
}
