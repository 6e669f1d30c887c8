/**
 * Everything a lookup needs from its surroundings, injected: time, retry policy, the per-endpoint request
 * bound, the process-wide request cache, where logs go, and where configuration comes from (Pulumi stack
 * config in the provider, nothing in the CLI) beside the environment.
 */
import type { ApiClock } from "./apiClock";
import type { ExplainSink } from "./explain";
import { Clock, systemClock } from "./clock";
import { ConcurrencyLimiter } from "./limiter";
import { RequestCache } from "./RequestCache";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "./retry";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, debug: () => undefined };

export interface LookupContext {
  clock: Clock;
  retry: RetryPolicy;
  /** Per-request timeout in ms (connect + read). */
  requestTimeoutMs: number;
  limiter: ConcurrencyLimiter;
  /** Shared answers for identical list requests; absent to always ask the cloud. */
  cache?: RequestCache;
  log: Logger;
  /** Pulumi stack config (`alicloud:region`, ...), as the provider's `configure` received it. */
  config: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string | undefined>>;
  random?: () => number;
  /** What this lookup run learned of the API's clock (apiClock.ts); set per run by `runLookup`. */
  apiClock?: ApiClock;
  /** Who reads this run's messages: a Pulumi program's author (arguments, stack config) or the command's user (flags, environment). */
  audience?: Audience;
  /** Told what the run reads and how it judges each candidate (`--explain`); set per run by `runLookup`. */
  explain?: ExplainSink;
}

/** Who a message is worded for: `pulumi` (default) or `cli` (provider/cli/main.ts sets it). */
export type Audience = "pulumi" | "cli";

/** The audience of `ctx`'s messages. */
export const audienceOf = (ctx: Pick<LookupContext, "audience">): Audience => ctx.audience ?? "pulumi";

/** At most this many requests in flight per endpoint host. */
export const DEFAULT_MAX_CONCURRENT_PER_ENDPOINT = 4;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** A context with production defaults; every field can be overridden. */
export function createContext(overrides: Partial<LookupContext> = {}): LookupContext {
  const clock = overrides.clock ?? systemClock;
  return {
    clock,
    retry: DEFAULT_RETRY_POLICY,
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    limiter: new ConcurrencyLimiter(DEFAULT_MAX_CONCURRENT_PER_ENDPOINT),
    // Answers expire on the context's clock, like every other time the lookups read.
    cache: new RequestCache(undefined, () => clock.now().getTime()),
    log: silentLogger,
    config: {},
    env: process.env,
    audience: "pulumi",
    ...overrides,
  };
}
