/**
 * provider/core/retry.ts and the per-cloud failure classification: what is retried (throttling, 5xx, network,
 * timeouts, malformed bodies) and what is not (authentication, client errors), the backoff schedule with and
 * without jitter, Retry-After, the overall deadline, and the attempt count stamped on the final error.
 * Time is a ManualClock: sleeping is instant and recorded, so the schedule is asserted exactly.
 */
import { ALIBABA_FAILURES, AlibabaApiError, classifyAlibaba } from "../../provider/clouds/alibaba/AlibabaApiError";
import { toAlibabaError } from "../../provider/clouds/alibaba/AlibabaRpcClient";
import { HUAWEI_FAILURES, HuaweiApiError, classifyHuawei } from "../../provider/clouds/huawei/HuaweiApiError";
import { Clock, ManualClock } from "../../provider/core/clock";
import { BackupLookupError, CloudApiError, FailureKind, classifyFailure, isRetryableKind } from "../../provider/core/errors";
import { DEFAULT_RETRY_POLICY, RetryPolicy, backoffDelay, withRetry } from "../../provider/core/retry";
import { failure } from "../support/rejection";

const START = "2026-11-20T12:00:00Z";
const policy = (p: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, jitter: "none", baseDelayMs: 100, ...p });

const throttled = (retryAfterSeconds?: number) =>
  new AlibabaApiError(
    { code: "Throttling.User", requestId: "REQ-1", httpStatus: 400, kind: "throttling", action: "DescribeBackups", retryAfterSeconds },
    "Request was denied due to user flow control.",
  );
const denied = () =>
  new AlibabaApiError(
    { code: "SignatureDoesNotMatch", requestId: "REQ-2", httpStatus: 400, kind: "auth", action: "DescribeBackups" },
    "Specified signature does not match our calculation.",
  );
const notFound = () =>
  new AlibabaApiError(
    { code: "InvalidDBInstanceId.NotFound", requestId: "REQ-3", httpStatus: 400, kind: "client", action: "DescribeBackups" },
    "The DBInstanceId provided does not exist in records.",
  );
const huaweiFailure = (kind: FailureKind, code: string, httpStatus?: number) =>
  new HuaweiApiError({ code, httpStatus, kind, action: "ListBackupRecords" }, "failed");

/** An attempt function that fails with `errors` in turn, then returns "ok"; records the attempt numbers. */
function script(...errors: Error[]) {
  const calls: number[] = [];
  const fn = async (n: number) => {
    calls.push(n);
    const e = errors.shift();
    if (e) throw e;
    return "ok";
  };
  return { fn, calls };
}

describe("classification", () => {
  it.each<[string, number | undefined, FailureKind]>([
    ["Throttling.User", 400, "throttling"],
    ["Throttling", 400, "throttling"],
    ["Throttling.Api", 400, "throttling"],
    ["ServiceUnavailable", 503, "throttling"],
    ["SomethingElse", 429, "throttling"],
    ["SignatureNonceUsed", 400, "transient"],
    ["RequestMetaDataFailed", 400, "server"],
    ["InternalError", 500, "server"],
    ["UnknownError", 502, "server"],
    ["SignatureDoesNotMatch", 400, "auth"],
    ["InvalidAccessKeyId.NotFound", 404, "auth"],
    ["InvalidSecurityToken.Expired", 400, "auth"],
    ["Forbidden.RAM", 403, "auth"],
    ["NoPermission", 403, "auth"],
    ["InvalidDBInstanceId.NotFound", 400, "client"],
    ["InvalidInstanceId.NotFound", 404, "client"],
    ["InvalidMaxRecordsPerPage.Malformed", 403, "client"],
    ["InvalidParameter", 400, "client"],
    ["NotInFlowController", 403, "auth"],
    ["InvalidTimeStamp.Expired", 400, "client"],
    ["RequestMetaDataFailed", 500, "server"],
  ])("Alibaba %s (HTTP %s) is %s", (code, status, kind) => {
    expect(classifyAlibaba(code, status)).toBe(kind);
  });

  it.each<[number, string, FailureKind]>([
    [429, "APIGW.0308", "throttling"],
    [400, "APIGW.0308", "throttling"],
    [401, "APIGW.0301", "auth"],
    [403, "APIGW.0302", "auth"],
    [401, "IAM.0001", "auth"],
    [500, "DCS.5000", "server"],
    [502, "HTTP502", "server"],
    [400, "DCS.4063", "client"],
    [404, "DCS.3022", "client"],
  ])("Huawei HTTP %d %s is %s", (status, code, kind) => {
    expect(classifyHuawei(status, code)).toBe(kind);
  });

  it.each<[FailureKind, boolean]>([
    ["throttling", true],
    ["transient", true],
    ["server", true],
    ["network", true],
    ["timeout", true],
    ["response", true],
    ["auth", false],
    ["client", false],
    ["endpoint", false],
  ])("%s is retried: %s", (kind, retried) => {
    expect(isRetryableKind(kind)).toBe(retried);
    expect(huaweiFailure(kind, "X").retryable).toBe(retried);
  });
});

describe("the classification tables over structured fields (never message text)", () => {
  const ENDPOINT = "https://rds.example.com";
  it.each<[string, Record<string, unknown>, { code: string; kind: FailureKind; httpStatus?: number; message: string }]>([
    [
      "a ResponseError of the official client (code, data.statusCode, data.RequestId)",
      {
        name: "Error",
        code: "Throttling.User",
        message: "ignored",
        data: { Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "R-9", statusCode: 400 },
      },
      {
        code: "Throttling.User",
        kind: "throttling",
        httpStatus: 400,
        message:
          "DescribeBackups failed: Throttling.User (HTTP 400) - Request was denied due to user flow control. [request id R-9]. the API is throttling this account; retry later or run fewer lookups at once",
      },
    ],
    [
      "an answer without a Code: HTTP<status>, classified by status",
      { name: "Error", message: "code: 502, undefined request id: undefined", data: { statusCode: 502 } },
      {
        code: "HTTP502",
        kind: "server",
        httpStatus: 502,
        message: "DescribeBackups failed: HTTP502 (HTTP 502) - code: 502, undefined request id: undefined. the cloud or the network failed; retry later",
      },
    ],
    [
      "NotInFlowController (HTTP 403, 'no permission'): the RAM grant",
      { code: "NotInFlowController", data: { Code: "NotInFlowController", Message: "no permission", statusCode: 403 } },
      {
        code: "NotInFlowController",
        kind: "auth",
        httpStatus: 403,
        message:
          "DescribeBackups failed: NotInFlowController (HTTP 403) - no permission. grant the RAM action rds:DescribeBackups / kvstore:DescribeBackups to the caller",
      },
    ],
    [
      "a SyntaxError (a body that is not JSON)",
      { name: "SyntaxError", message: "Unexpected token < in JSON at position 0" },
      {
        code: "MalformedResponse",
        kind: "response",
        message:
          "DescribeBackups failed: MalformedResponse - the response was not valid JSON (truncated body or a proxy error page). the cloud or the network failed; retry later",
      },
    ],
    [
      "httpx's RequestTimeoutError",
      { name: "RequestTimeoutError", message: "ReadTimeout(300). POST / failed." },
      {
        code: "RequestTimeout",
        kind: "timeout",
        message: "DescribeBackups failed: RequestTimeout - no response within the request timeout. the cloud or the network failed; retry later",
      },
    ],
    [
      "ECONNREFUSED",
      { name: "Error", code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.1:443" },
      {
        code: "ECONNREFUSED",
        kind: "network",
        message: `DescribeBackups failed: ECONNREFUSED - nothing accepted the connection at ${ENDPOINT}. check the endpoint's host and port, and that the service is reachable from this machine`,
      },
    ],
    [
      "ERR_SSL_WRONG_VERSION_NUMBER (newer OpenSSL's name for TLS against plain http)",
      { name: "Error", code: "ERR_SSL_WRONG_VERSION_NUMBER", message: "wrong version number" },
      {
        code: "ERR_SSL_WRONG_VERSION_NUMBER",
        kind: "endpoint",
        message: `DescribeBackups failed: ERR_SSL_WRONG_VERSION_NUMBER - the TLS handshake with ${ENDPOINT} failed. the endpoint speaks plain http? use http:// for loopback or check the URL`,
      },
    ],
    [
      "an untrusted certificate",
      { name: "Error", code: "SELF_SIGNED_CERT_IN_CHAIN", message: "self-signed certificate in certificate chain" },
      {
        code: "SELF_SIGNED_CERT_IN_CHAIN",
        kind: "endpoint",
        message: `DescribeBackups failed: SELF_SIGNED_CERT_IN_CHAIN - the TLS certificate of ${ENDPOINT} is not trusted. check the URL; behind a TLS-inspecting proxy, give its CA certificate with NODE_EXTRA_CA_CERTS`,
      },
    ],
    [
      "something with no code, status or known name: its (redacted) text, not retried",
      { name: "TypeError", message: "Cannot read properties of undefined (reading 'x') at ?Signature=abc" },
      {
        code: "UnknownError",
        kind: "client",
        message: "DescribeBackups failed: UnknownError - Cannot read properties of undefined (reading 'x') at ?Signature=[REDACTED]",
      },
    ],
  ])("Alibaba: %s", (_name, thrown, expected) => {
    const err = toAlibabaError(
      Object.assign(new Error(String((thrown.message as string | undefined) ?? "")), thrown),
      "DescribeBackups",
      ENDPOINT,
    ) as AlibabaApiError;
    expect({ code: err.code, kind: err.kind, httpStatus: err.httpStatus, message: err.message }).toEqual(expected);
  });

  it("each table ends with a catch-all row", () => {
    for (const table of [ALIBABA_FAILURES, HUAWEI_FAILURES]) {
      expect(table[table.length - 1]).toEqual({ kind: "client" });
      expect(classifyFailure(table, {}).kind).toBe("client");
    }
  });

  it("the message is computed from the fields: setAttempts changes it, nothing else is rewritten", () => {
    const err = throttled();
    const before = err.message;
    err.setAttempts(3);
    expect(err.message).toBe(before.replace("[request id REQ-1]", "[request id REQ-1] after 3 attempts"));
    expect(Object.getOwnPropertyNames(err)).not.toContain("message");
    expect(String(err)).toBe(`AlibabaApiError: ${err.message}`);
  });
});

describe("backoffDelay", () => {
  it.each<[number, number]>([
    [1, 300],
    [2, 600],
    [3, 1200],
    [4, 2400],
    [5, 4800],
    [6, 9600],
    [7, 10_000],
    [12, 10_000],
  ])("jitter none, attempt %d: %d ms (base 300, cap 10 s)", (attempt, ms) => {
    expect(backoffDelay({ ...DEFAULT_RETRY_POLICY, jitter: "none" }, attempt)).toBe(ms);
  });

  it.each<[number, number, number]>([
    [1, 0, 0],
    [1, 0.5, 150],
    [3, 0.5, 600],
    [3, 0.999, 1198],
    [7, 0.25, 2500],
  ])("jitter full, attempt %d, random %d: %d ms (uniform in [0, backoff))", (attempt, r, ms) => {
    expect(backoffDelay({ ...DEFAULT_RETRY_POLICY, jitter: "full" }, attempt, () => r)).toBe(ms);
  });

  it("a zero base gives zero delays, with or without jitter", () => {
    for (const jitter of ["full", "none"] as const)
      for (let attempt = 1; attempt <= 8; attempt++) expect(backoffDelay({ ...DEFAULT_RETRY_POLICY, baseDelayMs: 0, jitter }, attempt, () => 0.9)).toBe(0);
  });
});

describe("withRetry", () => {
  it("retries throttling, then succeeds; sleeps the exponential schedule", async () => {
    const clock = new ManualClock(START);
    const { fn, calls } = script(throttled(), throttled(), throttled());
    const retries: string[] = [];
    const result = await withRetry({ policy: policy(), clock, onRetry: (e, n, d) => retries.push(`${e.code} #${n} ${d}`) }, fn);
    expect(result).toBe("ok");
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(clock.slept).toEqual([100, 200, 400]);
    expect(retries).toEqual(["Throttling.User #1 100", "Throttling.User #2 200", "Throttling.User #3 400"]);
  });

  it.each<[string, () => CloudApiError]>([
    ["a 5xx", () => huaweiFailure("server", "DCS.5000", 500)],
    ["a network error", () => new AlibabaApiError({ code: "ECONNRESET", kind: "network", action: "DescribeBackups" }, "network error (ECONNRESET)")],
    ["a timeout", () => new AlibabaApiError({ code: "RequestTimeout", kind: "timeout", action: "DescribeBackups" }, "no response")],
    ["a malformed body", () => huaweiFailure("response", "MalformedResponse", 200)],
    ["a reused nonce", () => new AlibabaApiError({ code: "SignatureNonceUsed", kind: "transient", action: "DescribeBackups" }, "nonce")],
  ])("retries %s", async (_name, make) => {
    const clock = new ManualClock(START);
    const { fn, calls } = script(make());
    await expect(withRetry({ policy: policy(), clock }, fn)).resolves.toBe("ok");
    expect(calls).toEqual([1, 2]);
    expect(clock.slept).toEqual([100]);
  });

  it.each<[string, () => CloudApiError, string]>([
    [
      "an authentication failure",
      denied,
      "DescribeBackups failed: SignatureDoesNotMatch (HTTP 400) - Specified signature does not match our calculation. [request id REQ-2]. check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token",
    ],
    [
      "a client error",
      notFound,
      "DescribeBackups failed: InvalidDBInstanceId.NotFound (HTTP 400) - The DBInstanceId provided does not exist in records. [request id REQ-3]. check the instance id and the region",
    ],
  ])("does not retry %s: one attempt, no sleep, the message says no attempt count", async (_name, make, message) => {
    const clock = new ManualClock(START);
    const { fn, calls } = script(make(), make());
    const err = await failure(withRetry({ policy: policy(), clock }, fn));
    expect(err).toBeInstanceOf(AlibabaApiError);
    expect(calls).toEqual([1]);
    expect(clock.slept).toEqual([]);
    expect(err.attempts).toBe(1);
    expect(err.message).toBe(message);
  });

  it("does not retry an error that is not a cloud error", async () => {
    const clock = new ManualClock(START);
    const bug = new TypeError("x is undefined");
    const { fn, calls } = script(bug);
    expect(await failure(withRetry({ policy: policy(), clock }, fn))).toBe(bug);
    expect(calls).toEqual([1]);
    const lookupError = new BackupLookupError("no");
    expect(await failure(withRetry({ policy: policy(), clock }, script(lookupError).fn))).toBe(lookupError);
  });

  it("gives up after maxAttempts and stamps the attempts on the error and its message", async () => {
    const clock = new ManualClock(START);
    const { fn, calls } = script(...Array.from({ length: 10 }, () => throttled()));
    const err = await failure(withRetry({ policy: policy({ maxAttempts: 4 }), clock }, fn));
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(clock.slept).toEqual([100, 200, 400]);
    expect(err.attempts).toBe(4);
    expect(err.message).toBe(
      "DescribeBackups failed: Throttling.User (HTTP 400) - Request was denied due to user flow control. [request id REQ-1] after 4 attempts. the API is throttling this account; retry later or run fewer lookups at once",
    );
  });

  it.each<[string, number, Partial<RetryPolicy>, number[]]>([
    ["Retry-After longer than the backoff wins", 5, {}, [5000, 5000]],
    ["Retry-After is capped at maxDelayMs", 60, { maxDelayMs: 8000 }, [8000, 8000]],
    ["a backoff longer than Retry-After wins", 0, { baseDelayMs: 700 }, [700, 1400]],
  ])("%s", async (_name, retryAfter, p, slept) => {
    const clock = new ManualClock(START);
    const { fn } = script(throttled(retryAfter), throttled(retryAfter));
    await expect(withRetry({ policy: policy({ deadlineMs: 600_000, ...p }), clock }, fn)).resolves.toBe("ok");
    expect(clock.slept).toEqual(slept);
  });

  it("stops at the deadline: no attempt may start later than deadlineMs after the first", async () => {
    const clock = new ManualClock(START);
    const { fn, calls } = script(...Array.from({ length: 10 }, () => throttled()));
    // delays 400, 800: the second would end at 1200 ms > 1000 ms
    const err = await failure(withRetry({ policy: policy({ baseDelayMs: 400, deadlineMs: 1000 }), clock }, fn));
    expect(calls).toEqual([1, 2]);
    expect(clock.slept).toEqual([400]);
    expect(err.attempts).toBe(2);
    expect(err.message).toContain("] after 2 attempts. ");
  });

  it("counts time spent inside attempts against the deadline", async () => {
    const clock = new ManualClock(START);
    const calls: number[] = [];
    const fn = async (n: number) => {
      calls.push(n);
      clock.advance(900); // a slow request
      throw throttled();
    };
    const err = await failure(withRetry({ policy: policy({ baseDelayMs: 50, deadlineMs: 1000 }), clock }, fn));
    // after attempt 1: elapsed 900 + 50 <= 1000, retry; after attempt 2: 1850 + 100 > 1000, give up
    expect(calls).toEqual([1, 2]);
    expect(err.attempts).toBe(2);
  });

  it("uses the injected random source for full jitter", async () => {
    const clock = new ManualClock(START);
    const { fn } = script(throttled(), throttled(), throttled());
    await withRetry({ policy: policy({ jitter: "full", baseDelayMs: 1000 }), clock, random: () => 0.5 }, fn);
    expect(clock.slept).toEqual([500, 1000, 2000]);
  });

  it("a zero-base policy makes no real waits: every sleep it asks for is 0 ms", async () => {
    const asked: number[] = [];
    const clock: Clock = {
      now: () => new Date(),
      sleep: async (ms) => {
        asked.push(ms);
      },
    };
    const { fn, calls } = script(...Array.from({ length: 5 }, () => throttled()));
    await expect(withRetry({ policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 0 }, clock }, fn)).resolves.toBe("ok");
    expect(calls).toEqual([1, 2, 3, 4, 5, 6]);
    expect(asked).toEqual([0, 0, 0, 0, 0]);
  });
});
