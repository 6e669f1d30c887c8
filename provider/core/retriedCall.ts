/**
 * One API call, made the same way by both cloud clients (clouds/alibaba/AlibabaRpcClient.ts,
 * clouds/huawei/HuaweiClient.ts): each attempt holds a slot of its endpoint's concurrency bound (ctx.limiter),
 * each request sent and each retry is logged at debug level, failures are retried per the context's policy (withRetry), and identical
 * calls share one answer through the context's request cache, unless `fresh` is set (polling, refresh checks) or
 * the context has no cache.
 */
import type { LookupContext } from "./context";
import { withRetry } from "./retry";

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

export function retriedCall<T>(ctx: LookupContext, target: RetriedCallTarget, attempt: () => Promise<T>): Promise<T> {
  const run = () => {
    let sent = 0;
    return withRetry(
      {
        policy: ctx.retry,
        clock: ctx.clock,
        random: ctx.random,
        onRetry: (err, n, delay) => ctx.log.debug(`${target.action}: attempt ${n} failed (${err.code}); retrying in ${delay} ms`),
      },
      () =>
        ctx.limiter.run(target.host, () => {
          // One line per request actually sent (a shared answer sends none): what `--debug` promises.
          ctx.log.debug(`${target.action}: request to ${target.host}${++sent > 1 ? ` (attempt ${sent})` : ""}`);
          return attempt();
        }),
    );
  };
  if (target.fresh || !ctx.cache) return run();
  return ctx.cache.get(target.cacheKey, run);
}
