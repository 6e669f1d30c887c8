/**
 * provider/core/retriedCall.ts, the call path both cloud clients share: retries per the context's policy with one
 * debug line each, one debug line per request sent (none when preparing it, credentials and signing, failed), the per-host concurrency bound around every attempt, and identical calls sharing one answer
 * through the request cache unless `fresh` is set or the context has none. Time is a ManualClock (sleeping is
 * instant and recorded).
 */
import { AlibabaApiError } from "../../provider/clouds/alibaba/AlibabaApiError";
import { ManualClock } from "../../provider/core/clock";
import { createContext, type LookupContext } from "../../provider/core/context";
import { ConcurrencyLimiter } from "../../provider/core/limiter";
import { RequestCache } from "../../provider/core/RequestCache";
import { DEFAULT_RETRY_POLICY } from "../../provider/core/retry";
import { retriedCall } from "../../provider/core/retriedCall";
import { failure } from "../support/rejection";

const throttled = () =>
  new AlibabaApiError(
    { code: "Throttling.User", requestId: "REQ-1", httpStatus: 400, kind: "throttling", action: "DescribeBackups" },
    "Request was denied due to user flow control.",
  );

function context(overrides: Partial<LookupContext> = {}) {
  const clock = new ManualClock("2026-11-20T12:00:00Z");
  const debug: string[] = [];
  const ctx = createContext({
    clock,
    retry: { ...DEFAULT_RETRY_POLICY, jitter: "none", baseDelayMs: 100 },
    limiter: new ConcurrencyLimiter(1),
    cache: new RequestCache(60_000, () => clock.now().getTime()),
    log: { info: () => undefined, warn: () => undefined, debug: (m) => void debug.push(m) },
    ...overrides,
  });
  return { ctx, clock, debug };
}

/** An attempt with nothing to prepare (no credentials to resolve), only a request to send. */
const sendOnly = <T>(send: () => Promise<T>) => ({ prepare: () => undefined, send });

/** An attempt whose request fails with `errors` in turn, then answers `answer`; counts the requests sent. */
function attempts(answer: string, ...errors: Error[]) {
  let calls = 0;
  const send = async () => {
    calls++;
    const e = errors.shift();
    if (e) throw e;
    return answer;
  };
  return { attempt: sendOnly(send), calls: () => calls };
}

const target = (cacheKey: string, fresh = false, host = "rds.aliyuncs.com") => ({ action: "DescribeBackups", host, cacheKey, fresh });

describe("retriedCall", () => {
  it("retries a retryable failure after the policy's delay and logs each request and each retry at debug level", async () => {
    const { ctx, clock, debug } = context();
    const a = attempts("ok", throttled(), throttled());
    expect(await retriedCall(ctx, target("k"), a.attempt)).toBe("ok");
    expect(a.calls()).toBe(3);
    expect(clock.slept).toEqual([100, 200]);
    expect(debug).toEqual([
      "DescribeBackups: request to rds.aliyuncs.com",
      "DescribeBackups: attempt 1 failed (Throttling.User); retrying in 100 ms",
      "DescribeBackups: request to rds.aliyuncs.com (attempt 2)",
      "DescribeBackups: attempt 2 failed (Throttling.User); retrying in 200 ms",
      "DescribeBackups: request to rds.aliyuncs.com (attempt 3)",
    ]);
  });

  it("a prepare step that fails (no credentials) sends nothing and logs no request line; one that fails retryably, then succeeds, logs the one request it sent", async () => {
    const { ctx, debug } = context();
    const a = attempts("never");
    const missing = new AlibabaApiError({ code: "MissingCredentials", kind: "auth", action: "DescribeBackups" }, "no Alibaba Cloud credentials were found");
    const err = await failure(retriedCall(ctx, target("k"), { prepare: () => Promise.reject(missing), send: a.attempt.send }));
    expect(err).toBe(missing);
    expect(a.calls()).toBe(0);
    expect(debug).toEqual([]);
    const b = attempts("ok");
    const flaky = [throttled()];
    const prepare = () => {
      const e = flaky.shift();
      if (e) throw e;
    };
    expect(await retriedCall(ctx, target("k2"), { prepare, send: b.attempt.send })).toBe("ok");
    expect(b.calls()).toBe(1);
    expect(debug).toEqual([
      "DescribeBackups: attempt 1 failed (Throttling.User); retrying in 100 ms",
      "DescribeBackups: request to rds.aliyuncs.com (attempt 2)",
    ]);
  });

  it("identical calls share one answer; a fresh call asks again; a different key asks on its own", async () => {
    const { ctx } = context();
    const a = attempts("first");
    const b = attempts("second");
    const c = attempts("third");
    expect(await Promise.all([retriedCall(ctx, target("k"), a.attempt), retriedCall(ctx, target("k"), a.attempt)])).toEqual(["first", "first"]);
    expect(a.calls()).toBe(1);
    expect(await retriedCall(ctx, target("k", true), b.attempt)).toBe("second");
    expect(b.calls()).toBe(1);
    expect(await retriedCall(ctx, target("other"), c.attempt)).toBe("third");
    expect(c.calls()).toBe(1);
  });

  it("without a cache every call asks the cloud", async () => {
    const { ctx } = context({ cache: undefined });
    const a = attempts("ok");
    await retriedCall(ctx, target("k"), a.attempt);
    await retriedCall(ctx, target("k"), a.attempt);
    expect(a.calls()).toBe(2);
  });

  it("a failure is not kept: the next identical call asks again", async () => {
    const { ctx } = context({ retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } });
    const a = attempts("ok", throttled());
    const err = await failure(retriedCall(ctx, target("k"), a.attempt));
    expect(err).toBeInstanceOf(AlibabaApiError);
    expect(err.code).toBe("Throttling.User");
    expect(await retriedCall(ctx, target("k"), a.attempt)).toBe("ok");
    expect(a.calls()).toBe(2);
  });

  it("each attempt holds a slot of its host's bound: one host's calls run one at a time, another host's are not held", async () => {
    const { ctx } = context();
    let inFlight = 0;
    let most = 0;
    const slow = (answer: string) =>
      sendOnly(async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return answer;
      });
    const answers = await Promise.all([
      retriedCall(ctx, target("a"), slow("a")),
      retriedCall(ctx, target("b"), slow("b")),
      retriedCall(ctx, target("c"), slow("c")),
    ]);
    expect(answers).toEqual(["a", "b", "c"]);
    expect(most).toBe(1);
    expect(ctx.limiter.peak.get("rds.aliyuncs.com")).toBe(1);
    inFlight = 0;
    most = 0;
    await Promise.all([retriedCall(ctx, target("d"), slow("d")), retriedCall(ctx, target("e", false, "r-kvstore.aliyuncs.com"), slow("e"))]);
    expect(most).toBe(2);
  });
});
