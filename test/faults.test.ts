/**
 * Reliability under faults: every transport fault the emulator can inject, on each cloud (Alibaba through RDS
 * BackupSet and KVStore BackupSet, Huawei through DCS BackupSet), once (a retry recovers: the exact answer, one
 * retry) and persistent (a CloudApiError naming the attempts and the last cause); non-retryable failures (one
 * request); paging faults (the exact answer or the exact InconsistentResponseError, never a loop, a double
 * count or a choice from partial data); malformed records (skipped with a warning, never "latest"); and the
 * CLI's one-line error after a persistent throttle.
 *
 * Time: a ManualClock that starts at the real time (the emulator's default clock is the wall clock, and the
 * official Alibaba client stamps its requests with the wall clock), so backoff sleeps are instant and recorded:
 * the schedule is asserted exactly.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ManualClock } from "../provider/core/clock";
import { CloudApiError, InconsistentResponseError, type FailureKind } from "../provider/core/errors";
import {
  dcsBackupRecord,
  kvstoreBackup,
  rdsBackup,
  startEmulator,
  type DcsBackupRecord,
  type Emulator,
  type Fault,
  type KvstoreBackup,
  type RdsBackup,
} from "./emulator";
import { scramble } from "./emulator/random";
import { listingKey } from "./emulator/takePage";
import { isoMillis, isoSeconds } from "./emulator/timeFormats";
import {
  ALI,
  HW,
  MINUTE,
  dcsFleet,
  failure,
  kvFleet,
  lookup,
  newestUsableRds,
  rdsFleet,
  requestLogLine,
  runCli,
  stable,
  testContext,
  testEnv,
  uuidFor,
} from "./support/faultsEnv";

const NOW = new Date();
const MAX_ATTEMPTS = 3;
/**
 * The transport rows' request timeouts. A `slow` fault holds its answer for SLOW_MS, far past any of them, so
 * it always times out; every other answer must arrive in time however loaded the machine is. Rows without a
 * slow fault keep the context's 5 s; the healthy retry after one slow answer gets RETRY_TIMEOUT_MS; when every
 * attempt is slow nothing has to arrive at all, so ALL_SLOW_TIMEOUT_MS keeps that row short.
 */
const SLOW_MS = 60_000;
const RETRY_TIMEOUT_MS = 2_000;
const ALL_SLOW_TIMEOUT_MS = 300;

// Small instances (one page each) for the transport faults; large ones (several pages) for the paging faults.
const RDS_ID = "rm-emufault0001";
const KV_ID = "r-emufault0001";
const DCS_ID = uuidFor(0xfa01);
const RDS_PAGED = "rm-emupaged0001";
const KV_PAGED = "r-emupaged0001";
const DCS_PAGED = uuidFor(0xfa02);

const rdsSmall = rdsFleet({ instanceId: RDS_ID, count: 5, now: NOW, failedEvery: 1_000, topId: 310_000_000 });
// The newest one failed: "latest" must skip it.
rdsSmall[0] = { ...rdsSmall[0], BackupStatus: "Failed", IsAvail: 0, BackupDownloadURL: null, BackupIntranetDownloadURL: null };
const kvSmall = kvFleet({ instanceId: KV_ID, count: 5, now: NOW });
const dcsSmall = dcsFleet({ instanceId: DCS_ID, count: 5, now: NOW });
const rdsPaged = rdsFleet({ instanceId: RDS_PAGED, count: 250, now: NOW, stepMin: 5 });
const kvPaged = kvFleet({ instanceId: KV_PAGED, count: 301, now: NOW, stepMin: 3 });
const dcsPaged = dcsFleet({ instanceId: DCS_PAGED, count: 1001, now: NOW, stepMin: 2 });

type Cloud = "rds" | "kvstore" | "dcs";

interface Target {
  action: string;
  lookup: string;
  args: Record<string, unknown>;
  /** API action name in messages. */
  api: string;
}

let emu: Emulator;
const target = (cloud: Cloud, paged = false): Target => {
  const ep = { endpoint: emu.url };
  switch (cloud) {
    case "rds":
      return {
        action: "rds.DescribeBackups",
        lookup: "alicloud.rds.BackupSet",
        args: { dbInstanceId: paged ? RDS_PAGED : RDS_ID, ...ep },
        api: "DescribeBackups",
      };
    case "kvstore":
      return {
        action: "kvstore.DescribeBackups",
        lookup: "alicloud.kvstore.BackupSet",
        args: { instanceId: paged ? KV_PAGED : KV_ID, ...ep },
        api: "DescribeBackups",
      };
    case "dcs":
      return {
        action: "dcs.ListBackupRecords",
        lookup: "huaweicloud.dcs.BackupSet",
        args: { instanceId: paged ? DCS_PAGED : DCS_ID, ...ep },
        api: "ListBackupRecords",
      };
  }
};

/** The fault-free answer of each target, computed once. */
const baseline = new Map<string, { outputs: Record<string, unknown>; requests: number }>();
const key = (cloud: Cloud, paged: boolean) => `${cloud}/${paged}`;

beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
  emu.data.addRdsInstance(RDS_ID, rdsSmall);
  emu.data.addKvstoreInstance(KV_ID, kvSmall);
  emu.data.addDcsInstance(HW.projectId, DCS_ID, dcsSmall);
  emu.data.addRdsInstance(RDS_PAGED, rdsPaged);
  emu.data.addKvstoreInstance(KV_PAGED, kvPaged);
  emu.data.addDcsInstance(HW.projectId, DCS_PAGED, dcsPaged);
  for (const cloud of ["rds", "kvstore", "dcs"] as Cloud[]) {
    for (const paged of [false, true]) {
      emu.resetRequests();
      const t = target(cloud, paged);
      const result = await lookup(t.lookup, t.args, testContext());
      baseline.set(key(cloud, paged), { outputs: stable(result.outputs), requests: emu.count() });
    }
  }
  emu.resetRequests();
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(() => {
  emu.faults.clear();
  emu.resetRequests();
});

describe("baselines (fault-free), checked against an independent oracle", () => {
  test("each target's answer is the oracle's newest usable backup, read in the expected number of requests", () => {
    expect(baseline.get(key("rds", false))).toEqual({
      outputs: expect.objectContaining({ backupId: newestUsableRds(rdsSmall).BackupId }) as unknown,
      requests: 1,
    });
    expect(newestUsableRds(rdsSmall).BackupId).toBe(rdsSmall[1].BackupId); // the newest (failed) one is skipped
    expect(baseline.get(key("kvstore", false))).toEqual({
      outputs: expect.objectContaining({ backupId: String(kvSmall[0].BackupId) }) as unknown,
      requests: 1,
    });
    expect(baseline.get(key("dcs", false))).toEqual({ outputs: expect.objectContaining({ backupId: dcsSmall[0].backup_id }) as unknown, requests: 1 });
    expect(baseline.get(key("rds", true))).toEqual({
      outputs: expect.objectContaining({ backupId: newestUsableRds(rdsPaged).BackupId }) as unknown,
      requests: 3,
    });
    expect(baseline.get(key("kvstore", true))).toEqual({ outputs: expect.objectContaining({ backupId: String(kvPaged[0].BackupId) }) as unknown, requests: 2 });
    expect(baseline.get(key("dcs", true))).toEqual({ outputs: expect.objectContaining({ backupId: dcsPaged[0].backup_id }) as unknown, requests: 2 });
  });
});

// ------------------------------------------------------------------------------------------ transport faults

const ALI_THROTTLE_HINT = "the API is throttling this account; retry later or run fewer lookups at once";
const HW_THROTTLE_HINT = "the API gateway is throttling this account; retry later or run fewer lookups at once";
const FAILED_HINT = "the cloud or the network failed; retry later";
const MSG_5XX = "The request processing has failed due to some unknown error, exception or failure.";
const MSG_503 = "The request has failed due to a temporary failure of the server.";
const HW_429 = "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute";
const NOT_JSON_ALI = "the response was not valid JSON (truncated body or a proxy error page)";
const NOT_JSON_HW = "the response was not a JSON object (truncated body or a proxy error page)";

interface Cause {
  code: string;
  status?: number;
  detail: string;
  /** Whether the failure carries the cloud's request id. */
  requestId: boolean;
  kind: FailureKind;
  hint: string;
  /** Seconds of Retry-After the client must wait before each retry. */
  retryAfter?: number;
}

interface TransportCase {
  label: string;
  fault: Fault;
  alibaba?: Cause;
  huawei?: Cause;
}

const aliThrottle = (code: string, status: number, detail: string): Cause => ({
  code,
  status,
  detail,
  requestId: true,
  kind: "throttling",
  hint: ALI_THROTTLE_HINT,
});
const aliServer = (status: number): Cause =>
  status === 503
    ? { code: "ServiceUnavailable", status, detail: MSG_503, requestId: true, kind: "throttling", hint: ALI_THROTTLE_HINT }
    : { code: "InternalError", status, detail: MSG_5XX, requestId: true, kind: "server", hint: FAILED_HINT };
const hwServer = (status: number): Cause => ({
  code: "DCS.5000",
  status,
  detail: status === 503 ? MSG_503 : MSG_5XX,
  requestId: true,
  kind: "server",
  hint: FAILED_HINT,
});
const hwThrottle = (retryAfter?: number): Cause => ({
  code: "APIGW.0308",
  status: 429,
  detail: HW_429,
  requestId: true,
  kind: "throttling",
  hint: HW_THROTTLE_HINT,
  retryAfter,
});

const TRANSPORT: TransportCase[] = [
  {
    label: "Throttling.User",
    fault: { kind: "throttle", code: "Throttling.User" },
    alibaba: aliThrottle("Throttling.User", 400, "Request was denied due to user flow control."),
  },
  {
    label: "Throttling",
    fault: { kind: "throttle", code: "Throttling" },
    alibaba: aliThrottle("Throttling", 400, "Request was denied due to request throttling."),
  },
  { label: "ServiceUnavailable", fault: { kind: "throttle", code: "ServiceUnavailable" }, alibaba: aliThrottle("ServiceUnavailable", 503, MSG_503) },
  { label: "Huawei 429 without Retry-After", fault: { kind: "throttle" }, huawei: hwThrottle() },
  { label: "Huawei 429 with Retry-After: 2", fault: { kind: "throttle", retryAfter: 2 }, huawei: hwThrottle(2) },
  { label: "Huawei 429 with Retry-After: 3600 (capped at maxDelayMs)", fault: { kind: "throttle", retryAfter: 3600 }, huawei: hwThrottle(3600) },
  ...[500, 502, 503, 504].map((status): TransportCase => ({
    label: `HTTP ${status}`,
    fault: { kind: "http", status },
    alibaba: aliServer(status),
    huawei: hwServer(status),
  })),
  {
    label: "connection reset",
    fault: { kind: "reset" },
    alibaba: { code: "ECONNRESET", detail: "network error talking to {endpoint}", requestId: false, kind: "network", hint: FAILED_HINT },
    huawei: { code: "ECONNRESET", detail: "network error talking to {endpoint}", requestId: false, kind: "network", hint: FAILED_HINT },
  },
  {
    label: "slow response past the request timeout",
    fault: { kind: "slow", ms: SLOW_MS },
    alibaba: { code: "RequestTimeout", detail: "no response within the request timeout", requestId: false, kind: "timeout", hint: FAILED_HINT },
    huawei: { code: "RequestTimeout", detail: "no response within the request timeout", requestId: false, kind: "timeout", hint: FAILED_HINT },
  },
  {
    label: "truncated body",
    fault: { kind: "truncated" },
    alibaba: { code: "MalformedResponse", detail: NOT_JSON_ALI, requestId: false, kind: "response", hint: FAILED_HINT },
    huawei: { code: "MalformedResponse", status: 200, detail: NOT_JSON_HW, requestId: true, kind: "response", hint: FAILED_HINT },
  },
  {
    label: "non-JSON 200",
    fault: { kind: "nonJson200" },
    alibaba: { code: "MalformedResponse", detail: NOT_JSON_ALI, requestId: false, kind: "response", hint: FAILED_HINT },
    huawei: { code: "MalformedResponse", status: 200, detail: NOT_JSON_HW, requestId: false, kind: "response", hint: FAILED_HINT },
  },
  {
    label: "HTML proxy error page (502)",
    fault: { kind: "html" },
    // The official Alibaba client parses error bodies as JSON before it looks at the status: the status is lost.
    alibaba: { code: "MalformedResponse", detail: NOT_JSON_ALI, requestId: false, kind: "response", hint: FAILED_HINT },
    huawei: { code: "HTTP502", status: 502, detail: "a non-JSON error page (a proxy or gateway answered)", requestId: true, kind: "server", hint: FAILED_HINT },
  },
];

const ROWS: [string, Cloud, TransportCase, Cause][] = [];
for (const c of TRANSPORT) {
  if (c.alibaba) ROWS.push([c.label, "rds", c, c.alibaba], [c.label, "kvstore", c, c.alibaba]);
  if (c.huawei) ROWS.push([c.label, "dcs", c, c.huawei]);
}

/** The exact message of a CloudApiError (errors.ts `CloudApiError.message`); `{endpoint}` is the emulator's URL. */
function expectedMessage(api: string, cause: Cause, requestId: string | undefined, attempts: number): string {
  let text = `${api} failed: ${cause.code}${cause.status ? ` (HTTP ${cause.status})` : ""} - ${cause.detail.replace("{endpoint}", emu.url)}`;
  if (requestId) text += ` [request id ${requestId}]`;
  if (attempts > 1) text += ` after ${attempts} attempts`;
  return `${text}. ${cause.hint}`;
}

const sleepsFor = (cause: Cause, retries: number) =>
  Array.from({ length: retries }, () => (cause.retryAfter === undefined ? 0 : Math.min(cause.retryAfter * 1000, 10_000)));
const REQUEST_ID = { alibaba: /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/, huawei: /^[0-9a-f]{32}$/ };

describe("transport faults, once: one retry, then the exact fault-free answer", () => {
  test.each(ROWS)("%s on %s", async (_label, cloud, c, cause) => {
    const t = target(cloud);
    emu.faults.add(t.action, c.fault, 1);
    const clock = new ManualClock(new Date());
    const ctx = testContext({ maxAttempts: MAX_ATTEMPTS, clock, ...(c.fault.kind === "slow" ? { requestTimeoutMs: RETRY_TIMEOUT_MS } : {}) });
    const result = await lookup(t.lookup, t.args, ctx);
    expect(stable(result.outputs)).toEqual(baseline.get(key(cloud, false))!.outputs);
    expect(emu.faults.pending()).toBe(0);
    // A timed-out request is never answered (the emulator drops it when the client gives up), so the emulator
    // records only the retry that succeeded.
    expect(emu.count(t.action)).toBe(c.fault.kind === "slow" ? 1 : 2);
    expect(emu.count()).toBe(emu.count(t.action));
    expect(clock.slept).toEqual(sleepsFor(cause, 1));
    expect(ctx.logger.lines.filter((l) => l.level === "debug").map((l) => l.message)).toEqual([
      requestLogLine(t.api, emu.url),
      `${t.api}: attempt 1 failed (${cause.code}); retrying in ${sleepsFor(cause, 1)[0]} ms`,
      requestLogLine(t.api, emu.url, 2),
    ]);
    expect(ctx.logger.warnings()).toEqual([]);
  });
});

describe("transport faults, persistent: a CloudApiError naming the attempts and the last cause", () => {
  test.each(ROWS)("%s on %s", async (_label, cloud, c, cause) => {
    const t = target(cloud);
    emu.faults.add(t.action, c.fault, MAX_ATTEMPTS + 2);
    const clock = new ManualClock(new Date());
    const ctx = testContext({ maxAttempts: MAX_ATTEMPTS, clock, ...(c.fault.kind === "slow" ? { requestTimeoutMs: ALL_SLOW_TIMEOUT_MS } : {}) });
    const err = await failure<CloudApiError>(lookup(t.lookup, t.args, ctx));
    expect(err).toBeInstanceOf(CloudApiError);
    expect({
      code: err.code,
      httpStatus: err.httpStatus,
      kind: err.kind,
      attempts: err.attempts,
      retryable: err.retryable,
      exitStatus: err.exitStatus,
    }).toEqual({
      code: cause.code,
      httpStatus: cause.status,
      kind: cause.kind,
      attempts: MAX_ATTEMPTS,
      retryable: true,
      exitStatus: 1,
    });
    if (cause.requestId) expect(err.requestId).toMatch(REQUEST_ID[cloud === "dcs" ? "huawei" : "alibaba"]);
    else expect(err.requestId).toBeUndefined();
    expect(err.message).toBe(expectedMessage(t.api, cause, err.requestId, MAX_ATTEMPTS));
    expect(emu.faults.pending(t.action)).toBe(2); // exactly MAX_ATTEMPTS requests took a fault
    expect(emu.count(t.action)).toBe(c.fault.kind === "slow" ? 0 : MAX_ATTEMPTS);
    expect(clock.slept).toEqual(sleepsFor(cause, MAX_ATTEMPTS - 1));
  });
});

describe("non-retryable failures: exactly one request", () => {
  const wrongAliSecret = testEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-0000000000" });
  const cases: [string, Cloud, () => { args?: Record<string, unknown>; env?: Record<string, string | undefined>; fault?: Fault }, Cause][] = [
    [
      "SignatureDoesNotMatch (wrong secret)",
      "rds",
      () => ({ env: wrongAliSecret }),
      {
        code: "SignatureDoesNotMatch",
        status: 400,
        detail: "Specified signature does not match our calculation.",
        requestId: true,
        kind: "auth",
        hint: "check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token",
      },
    ],
    [
      "SignatureDoesNotMatch (wrong secret)",
      "kvstore",
      () => ({ env: wrongAliSecret }),
      {
        code: "SignatureDoesNotMatch",
        status: 400,
        detail: "Specified signature does not match our calculation.",
        requestId: true,
        kind: "auth",
        hint: "check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token",
      },
    ],
    [
      "InvalidDBInstanceId.NotFound",
      "rds",
      () => ({ args: { dbInstanceId: "rm-emunothere01" } }),
      {
        code: "InvalidDBInstanceId.NotFound",
        status: 400,
        detail: "The DBInstanceId provided does not exist in records.",
        requestId: true,
        kind: "client",
        hint: "check the instance id and the region",
      },
    ],
    [
      "InvalidInstanceId.NotFound",
      "kvstore",
      () => ({ args: { instanceId: "r-emunothere01" } }),
      {
        code: "InvalidInstanceId.NotFound",
        status: 404,
        detail: "The specified instance is not found.",
        requestId: true,
        kind: "client",
        hint: "check the instance id and the region",
      },
    ],
    [
      "403 Forbidden.RAM",
      "rds",
      () => ({ fault: { kind: "http", status: 403 } }),
      {
        code: "Forbidden.RAM",
        status: 403,
        detail: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        requestId: true,
        kind: "auth",
        hint: "grant the RAM action rds:DescribeBackups / kvstore:DescribeBackups to the caller",
      },
    ],
    [
      "403 Forbidden.RAM",
      "kvstore",
      () => ({ fault: { kind: "http", status: 403 } }),
      {
        code: "Forbidden.RAM",
        status: 403,
        detail: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        requestId: true,
        kind: "auth",
        hint: "grant the RAM action rds:DescribeBackups / kvstore:DescribeBackups to the caller",
      },
    ],
    [
      "Huawei 401 (wrong SK)",
      "dcs",
      () => ({ env: testEnv({ HW_SECRET_KEY: "wrong-secret-key-000000000000" }) }),
      {
        code: "APIGW.0301",
        status: 401,
        detail: "Incorrect IAM authentication information: verify aksk signature fail",
        requestId: true,
        kind: "auth",
        hint: "check huaweicloud:accessKey / huaweicloud:secretKey (or HW_ACCESS_KEY / HW_SECRET_KEY) and the project id",
      },
    ],
    [
      "Huawei 401 (gateway)",
      "dcs",
      () => ({ fault: { kind: "http", status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information" } }),
      {
        code: "APIGW.0301",
        status: 401,
        detail: "Incorrect IAM authentication information",
        requestId: true,
        kind: "auth",
        hint: "check huaweicloud:accessKey / huaweicloud:secretKey (or HW_ACCESS_KEY / HW_SECRET_KEY) and the project id",
      },
    ],
    [
      "Huawei 403",
      "dcs",
      () => ({ fault: { kind: "http", status: 403, code: "DCS.4030", message: "Forbidden" } }),
      {
        code: "DCS.4030",
        status: 403,
        detail: "Forbidden",
        requestId: true,
        kind: "auth",
        hint: "grant the IAM action dcs:instance:list (DCS ReadOnlyAccess) in this project",
      },
    ],
    [
      "Huawei 404 (DCS.3022)",
      "dcs",
      () => ({ args: { instanceId: uuidFor(0xdead) } }),
      {
        code: "DCS.3022",
        status: 404,
        detail: "This DCS instance does not exist.",
        requestId: true,
        kind: "client",
        hint: "check the instance id, the project id and the region",
      },
    ],
  ];
  test.each(cases)("%s on %s", async (_label, cloud, setup, cause) => {
    const t = target(cloud);
    const s = setup();
    if (s.fault) emu.faults.add(t.action, s.fault, 5);
    const clock = new ManualClock(new Date());
    const ctx = testContext({ maxAttempts: 6, clock, env: s.env });
    const err = await failure<CloudApiError>(lookup(t.lookup, { ...t.args, ...s.args }, ctx));
    expect(err).toBeInstanceOf(CloudApiError);
    expect({ code: err.code, httpStatus: err.httpStatus, kind: err.kind, attempts: err.attempts, retryable: err.retryable }).toEqual({
      code: cause.code,
      httpStatus: cause.status,
      kind: cause.kind,
      attempts: 1,
      retryable: false,
    });
    expect(err.message).toBe(expectedMessage(t.api, cause, err.requestId, 1));
    expect(err.message).not.toMatch(/attempts/);
    expect(emu.count()).toBe(1);
    expect(clock.slept).toEqual([]);
  });
});

describe("endpoints that cannot answer: the message names the endpoint and what to check", () => {
  /** A port on 127.0.0.1 that nothing listens on (taken, then released). */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  const clouds: Cloud[] = ["rds", "kvstore", "dcs"];

  test.each(clouds)("a refused connection on %s: retried 6 times, then the endpoint, its port and reachability", async (cloud) => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const t = target(cloud);
    const clock = new ManualClock(new Date());
    const err = await failure(lookup(t.lookup, { ...t.args, endpoint }, testContext({ clock })));
    expect(err).toBeInstanceOf(CloudApiError);
    expect({ code: err.code, kind: err.kind, attempts: err.attempts, retryable: err.retryable, endpoint: err.endpoint }).toEqual({
      code: "ECONNREFUSED",
      kind: "network",
      attempts: 6,
      retryable: true,
      endpoint,
    });
    expect(err.message).toBe(
      `${t.api} failed: ECONNREFUSED - nothing accepted the connection at ${endpoint} after 6 attempts. ` +
        "check the endpoint's host and port, and that the service is reachable from this machine",
    );
    expect(emu.count()).toBe(0);
  });

  test.each(clouds)("https:// against a plain-http endpoint on %s: one attempt, no sleep, 'use http://'", async (cloud) => {
    const endpoint = `https://127.0.0.1:${emu.port}`;
    const t = target(cloud);
    const clock = new ManualClock(new Date());
    const err = await failure(lookup(t.lookup, { ...t.args, endpoint }, testContext({ clock })));
    expect(err).toBeInstanceOf(CloudApiError);
    expect({ code: err.code, kind: err.kind, attempts: err.attempts, retryable: err.retryable }).toEqual({
      code: "EPROTO",
      kind: "endpoint",
      attempts: 1,
      retryable: false,
    });
    expect(err.message).toBe(
      `${t.api} failed: EPROTO - the TLS handshake with ${endpoint} failed. the endpoint speaks plain http? use http:// for loopback or check the URL`,
    );
    expect(clock.slept).toEqual([]);
    expect(emu.count()).toBe(0);
  });
});

// --------------------------------------------------------------------------------------------- paging faults

/** A fault that changes nothing (the normal answer, after 0 ms): lets a queue reach page 2. */
const PASS: Fault = { kind: "slow", ms: 0 };

type Outcome = { answer: true; requests: number } | { error: string; requests: number };

interface PagingCase {
  label: string;
  /** Faults queued in order, each for one request of the listing action. */
  plan: Fault[];
  rds: Outcome;
  kvstore: Outcome;
  dcs: Outcome;
}

const what = (cloud: Cloud) =>
  cloud === "rds" ? `DescribeBackups of ${RDS_PAGED}` : cloud === "kvstore" ? `DescribeBackups of ${KV_PAGED}` : `ListBackupRecords of ${DCS_PAGED}`;
const ok = (requests: number): Outcome => ({ answer: true, requests });
const fail = (error: string, requests: number): Outcome => ({ error, requests });
const repeat = (n: number) => Array.from({ length: n });

// Records per listing and pages: RDS 250 (pages of 100: 3), KVStore 301 (pages of 300: 2), DCS 1001 (pages of 1000: 2).
const PAGING: PagingCase[] = [
  {
    label: "page 2 repeats page 1",
    plan: [PASS, { kind: "repeatPreviousPage" }],
    rds: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
    kvstore: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
    dcs: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
  },
  {
    label: "every page repeats the one before it",
    plan: [PASS, ...repeat(40).map((): Fault => ({ kind: "repeatPreviousPage" }))],
    rds: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
    kvstore: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
    dcs: fail("page 2 repeats page 1 (the API did not advance); refusing to choose from partial data", 2),
  },
  {
    // RDS restarts the scan (fresh, not from the request cache); KVStore/DCS totals may count one page only,
    // so a lower total on the last (short) page is consistent.
    label: "the total drops by 3 on page 2, once",
    plan: [PASS, { kind: "totalChanges", delta: -3 }],
    rds: ok(5),
    kvstore: ok(2),
    dcs: ok(2),
  },
  {
    label: "the total grows by 3 on page 2, once",
    plan: [PASS, { kind: "totalChanges", delta: 3 }],
    rds: ok(5),
    kvstore: ok(4),
    dcs: ok(4),
  },
  {
    label: "the total changes between pages on every scan",
    plan: repeat(20).flatMap((): Fault[] => [PASS, { kind: "totalChanges", delta: 3 }]),
    rds: fail("the total changed twice during one scan (250 then 253); backups are being created or deleted right now - try again in a minute", 4),
    kvstore: fail("page 2 holds only 1 records but the API announced 304 records and only 301 arrived; refusing to choose from partial data", 4),
    dcs: fail("page 2 holds only 1 records but the API announced 1004 records and only 1001 arrived; refusing to choose from partial data", 4),
  },
  {
    label: "every page under-reports the total by 60 (the announced pages hold more records than announced)",
    plan: repeat(40).map((): Fault => ({ kind: "totalChanges", delta: -60 })),
    rds: fail(
      "190 records announced, but 200 distinct ones arrived and page 2 is full (the total is lower than the records listed); refusing to choose from partial data",
      2,
    ),
    kvstore: ok(2),
    dcs: ok(2),
  },
  {
    label: "every page over-reports the total by 1",
    plan: repeat(40).map((): Fault => ({ kind: "totalChanges", delta: 1 })),
    rds: fail("251 records announced, 250 distinct ones arrived in 3 pages (records repeated across pages); refusing to choose from partial data", 3),
    kvstore: fail("page 2 holds only 1 records but the API announced 302 records and only 301 arrived; refusing to choose from partial data", 4),
    dcs: fail("page 2 holds only 1 records but the API announced 1002 records and only 1001 arrived; refusing to choose from partial data", 4),
  },
  {
    label: "page 1 is empty before the total, once",
    plan: [{ kind: "emptyPage" }],
    rds: fail("page 1 is empty but the API announced 250 records and only 0 arrived; refusing to choose from partial data", 1),
    kvstore: ok(3),
    dcs: ok(3),
  },
  {
    label: "page 2 is empty before the total, once",
    plan: [PASS, { kind: "emptyPage" }],
    rds: fail("page 2 is empty but the API announced 250 records and only 100 arrived; refusing to choose from partial data", 2),
    kvstore: ok(4),
    dcs: ok(4),
  },
  {
    label: "page 2 is empty before the total, on every scan",
    plan: repeat(20).flatMap((): Fault[] => [PASS, { kind: "emptyPage" }]),
    rds: fail("page 2 is empty but the API announced 250 records and only 100 arrived; refusing to choose from partial data", 2),
    kvstore: fail("page 2 is empty but the API announced 301 records and only 300 arrived; refusing to choose from partial data", 4),
    dcs: fail("page 2 is empty but the API announced 1001 records and only 1000 arrived; refusing to choose from partial data", 4),
  },
  {
    label: "page 1 announces a total far larger than the records (5000), once",
    plan: [{ kind: "totalInflated", total: 5000 }],
    rds: ok(5),
    kvstore: ok(2),
    dcs: ok(2),
  },
  {
    label: "page 2 announces a total far larger than the records (5000), once",
    plan: [PASS, { kind: "totalInflated", total: 5000 }],
    rds: ok(5),
    kvstore: ok(4),
    dcs: ok(4),
  },
  {
    label: "every page announces a total far larger than the records (5000)",
    plan: repeat(60).map((): Fault => ({ kind: "totalInflated", total: 5000 })),
    rds: fail("page 4 is empty but the API announced 5000 records and only 250 arrived; refusing to choose from partial data", 4),
    kvstore: fail("page 2 holds only 1 records but the API announced 5000 records and only 301 arrived; refusing to choose from partial data", 4),
    dcs: fail("page 2 holds only 1 records but the API announced 5000 records and only 1001 arrived; refusing to choose from partial data", 4),
  },
  {
    // 10^9 records announced: a paginator trusting the total would ask for ten million pages.
    label: "every page announces 10^9 records",
    plan: repeat(60).map((): Fault => ({ kind: "totalInflated", total: 1_000_000_000 })),
    rds: fail("page 4 is empty but the API announced 1000000000 records and only 250 arrived; refusing to choose from partial data", 4),
    kvstore: fail("page 2 holds only 1 records but the API announced 1000000000 records and only 301 arrived; refusing to choose from partial data", 4),
    dcs: fail("page 2 holds only 1 records but the API announced 1000000000 records and only 1001 arrived; refusing to choose from partial data", 4),
  },
];

const PAGING_ROWS: [string, Cloud, PagingCase][] = PAGING.flatMap((c) =>
  (["rds", "kvstore", "dcs"] as Cloud[]).map((cloud): [string, Cloud, PagingCase] => [c.label, cloud, c]),
);

// Bounded: the exact number of requests (never a loop), not a wall-clock limit that a loaded machine could break.
describe("paging faults: the exact answer or the exact InconsistentResponseError, in a bounded number of requests", () => {
  test.each(PAGING_ROWS)("%s (%s)", async (_label, cloud, c) => {
    const t = target(cloud, true);
    for (const f of c.plan) emu.faults.add(t.action, f, 1);
    const ctx = testContext({ maxAttempts: MAX_ATTEMPTS });
    const outcome = c[cloud];
    const run = lookup(t.lookup, t.args, ctx);
    if ("answer" in outcome) {
      const result = await run;
      expect(stable(result.outputs)).toEqual(baseline.get(key(cloud, true))!.outputs);
    } else {
      const err = await failure(run);
      expect(err).toBeInstanceOf(InconsistentResponseError);
      expect(err.message).toBe(`${what(cloud)}: ${outcome.error}`);
      expect(err.exitStatus).toBe(1);
    }
    expect(emu.count(t.action)).toBe(outcome.requests);
  });
});

describe("a record on two pages (records shift while the listing is read)", () => {
  /**
   * Runs `mutate` just before the `n`-th listing request is served (the fault plan is consulted first), and
   * gives it the parameters of the first request (for the emulator's listing order).
   */
  function beforeRequest(n: number, mutate: (firstParams: Record<string, string>) => void): () => void {
    const original = emu.faults.take.bind(emu.faults);
    let calls = 0;
    emu.faults.take = (action: string) => {
      if (++calls === n) mutate(emu.requests[0].params);
      return original(action);
    };
    return () => {
      emu.faults.take = original;
    };
  }

  /** An id that the emulator's order puts inside page 1 (so the records after it shift by one). */
  function idOnPage1<T>(
    records: T[],
    make: (k: number) => T,
    idOf: (r: T) => string,
    listing: string,
    params: Record<string, string>,
    paging: string[],
    pageSize: number,
  ): T {
    const lk = listingKey(listing, params, paging);
    for (let k = 1; k < 10_000; k++) {
      const candidate = make(k);
      const order = scramble([...records, candidate], emu.seed, lk, idOf);
      if (order.indexOf(candidate) < pageSize - 1) return candidate;
    }
    throw new Error("no id ranks inside page 1");
  }
  const lastInOrder = <T>(records: T[], idOf: (r: T) => string, listing: string, params: Record<string, string>, paging: string[]) =>
    scramble(records, emu.seed, listingKey(listing, params, paging), idOf).at(-1)!;

  const newRds = (k: number): RdsBackup =>
    rdsBackup({
      DBInstanceId: RDS_PAGED,
      BackupId: String(600_000_000 + k),
      BackupStartTime: isoSeconds(NOW.getTime() - 20 * MINUTE),
      BackupEndTime: isoSeconds(NOW.getTime() - 2 * MINUTE),
    });
  const newKv = (k: number): KvstoreBackup =>
    kvstoreBackup({
      NodeInstanceId: KV_PAGED,
      BackupId: 800_000_000 + k,
      BackupJobID: 100_000 + k,
      BackupStartTime: isoSeconds(NOW.getTime() - 20 * MINUTE),
      BackupEndTime: isoSeconds(NOW.getTime() - 2 * MINUTE),
    });
  const newDcs = (k: number): DcsBackupRecord =>
    dcsBackupRecord({
      backup_id: uuidFor(0xb0000 + k),
      instance_id: DCS_PAGED,
      created_at: isoMillis(NOW.getTime() - 20 * MINUTE),
      updated_at: isoMillis(NOW.getTime() - 2 * MINUTE),
    });

  afterEach(() => {
    emu.data.addRdsInstance(RDS_PAGED, rdsPaged);
    emu.data.addKvstoreInstance(KV_PAGED, kvPaged);
    emu.data.addDcsInstance(HW.projectId, DCS_PAGED, dcsPaged);
  });

  test("RDS: a backup created between pages 1 and 2 (total 250 -> 251) restarts the scan once and is the answer", async () => {
    let added: RdsBackup | undefined;
    const restore = beforeRequest(2, (params) => {
      const inst = emu.data.rds.get(RDS_PAGED)!;
      added = idOnPage1(inst.backups, newRds, (b) => b.BackupId, "rds.DescribeBackups", params, ["PageNumber", "PageSize"], 100);
      inst.backups.push(added);
    });
    try {
      const result = await lookup(target("rds", true).lookup, target("rds", true).args, testContext());
      expect(result.outputs.backupId).toBe(added!.BackupId);
      expect(emu.count("rds.DescribeBackups")).toBe(5); // page 1, page 2 (total 251), then pages 1-3 again
    } finally {
      restore();
    }
  });

  test("RDS: one backup created and one deleted between pages (total unchanged, one record on two pages) is refused", async () => {
    const restore = beforeRequest(2, (params) => {
      const inst = emu.data.rds.get(RDS_PAGED)!;
      const gone = lastInOrder(inst.backups, (b) => b.BackupId, "rds.DescribeBackups", params, ["PageNumber", "PageSize"]);
      const added = idOnPage1(inst.backups, newRds, (b) => b.BackupId, "rds.DescribeBackups", params, ["PageNumber", "PageSize"], 100);
      inst.backups = [...inst.backups.filter((b) => b !== gone), added];
    });
    try {
      const err = await failure(lookup(target("rds", true).lookup, target("rds", true).args, testContext()));
      expect(err).toBeInstanceOf(InconsistentResponseError);
      expect(err.message).toBe(
        `DescribeBackups of ${RDS_PAGED}: 250 records announced, 249 distinct ones arrived in 3 pages (records repeated across pages); refusing to choose from partial data`,
      );
      expect(emu.count("rds.DescribeBackups")).toBe(3);
    } finally {
      restore();
    }
  });

  // KVStore and DCS: one backup created between pages puts one record on two pages; the scan restarts once, the
  // new backup is the answer and every record of the listing is counted once.
  test.each<{ label: string; cloud: "kvstore" | "dcs"; add: (firstParams: Record<string, string>) => string; listed: number }>([
    {
      label: "KVStore",
      cloud: "kvstore",
      add: (params) => {
        const inst = emu.data.kvstore.get(KV_PAGED)!;
        const added = idOnPage1(inst.backups, newKv, (b) => String(b.BackupId), "kvstore.DescribeBackups", params, ["PageNumber", "PageSize"], 300);
        inst.backups.push(added);
        return String(added.BackupId);
      },
      listed: 302,
    },
    {
      label: "DCS",
      cloud: "dcs",
      add: (params) => {
        const inst = emu.data.dcs.get(HW.projectId)!.get(DCS_PAGED)!;
        const { project_id: _p, instance_id: _i, ...query } = params;
        const added = idOnPage1(
          inst.records,
          newDcs,
          (r) => r.backup_id,
          `dcs.ListBackupRecords/${HW.projectId}/${DCS_PAGED}`,
          query,
          ["limit", "offset"],
          1000,
        );
        inst.records.push(added);
        return added.backup_id;
      },
      listed: 1002,
    },
  ])(
    "$label: a backup created between pages (a record on two pages) restarts once; the new one is the answer, counted once",
    async ({ cloud, add, listed }) => {
      let addedId: string | undefined;
      const restore = beforeRequest(2, (params) => {
        addedId = add(params);
      });
      try {
        const t = target(cloud, true);
        const result = await lookup(t.lookup, { ...t.args }, testContext(), true);
        expect(addedId).toBeDefined();
        expect(result.outputs.backupId).toBe(addedId);
        const ids = result.list!.map((o) => o.backupId);
        expect(ids.length).toBe(listed);
        expect(new Set(ids).size).toBe(listed); // nobody counted twice
        expect(emu.count(t.action)).toBe(4); // page 1, page 2 (one record repeated), then the restarted scan's pages
      } finally {
        restore();
      }
    },
  );
});

// ----------------------------------------------------------------------------------------- malformed records

describe("malformed records: skipped with a warning naming them, never 'latest'", () => {
  const MAL_RDS = "rm-emumalformed1";
  const MAL_KV = "r-emumalformed1";
  const MAL_DCS = uuidFor(0xbad);
  const newest = (ms: number) => isoSeconds(NOW.getTime() - ms);

  test("RDS: no BackupEndTime, unparsable times, unknown status and no BackupId lose to an older good backup; a numeric-string size is read as a number", async () => {
    const good = rdsFleet({ instanceId: MAL_RDS, count: 3, now: NOW, firstAgoMin: 120, topId: 400_000_000 });
    const fresh = (id: string | undefined, extra: Partial<RdsBackup> = {}): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        ...rdsBackup({ DBInstanceId: MAL_RDS, BackupId: id ?? "1", BackupStartTime: newest(10 * MINUTE), BackupEndTime: newest(MINUTE), ...extra }),
      };
      if (id === undefined) delete r.BackupId;
      return r;
    };
    const noEnd = fresh("900000001");
    delete noEnd.BackupEndTime;
    const badEnd = fresh("900000002");
    badEnd.BackupEndTime = "2099-13-45T99:00:00Z"; // "newest" if it were believed
    const badStart = fresh("900000003");
    badStart.BackupStartTime = new Date(NOW.getTime() - 10 * MINUTE).toString(); // not the API's format
    const unknownStatus = fresh("900000004", { BackupStatus: "Deleting" });
    const noId = fresh(undefined);
    const emptyId = fresh("");
    const stringSize = {
      ...rdsBackup({ DBInstanceId: MAL_RDS, BackupId: "400000001", BackupStartTime: newest(50 * MINUTE), BackupEndTime: newest(40 * MINUTE) }),
      BackupSize: "2167808",
    };
    emu.data.addRdsInstance(MAL_RDS, [...good, noEnd, badEnd, badStart, unknownStatus, noId, emptyId, stringSize] as unknown as RdsBackup[]);

    const ctx = testContext();
    const result = await lookup("alicloud.rds.BackupSet", { dbInstanceId: MAL_RDS, endpoint: emu.url }, ctx, true);
    expect(result.outputs.backupId).toBe("400000001");
    expect(result.outputs.backupSize).toBe(2167808);
    expect(result.list!.map((o) => o.backupId)).toEqual(["400000001", ...good.map((g) => g.BackupId)]);
    expect(ctx.logger.warnings().sort()).toEqual(
      [
        `alicloud.rds.BackupSet: skipped a malformed record: a backup set without a BackupId (${JSON.stringify(noId).slice(0, 80)})`,
        `alicloud.rds.BackupSet: skipped a malformed record: a backup set without a BackupId (${JSON.stringify(emptyId).slice(0, 80)})`,
        "alicloud.rds.BackupSet: skipped a malformed record: backup set 900000001 has no BackupEndTime",
        'alicloud.rds.BackupSet: skipped a malformed record: backup set 900000002 has an unparsable BackupEndTime "2099-13-45T99:00:00Z"',
        `alicloud.rds.BackupSet: skipped a malformed record: backup set 900000003 has an unparsable BackupStartTime ${JSON.stringify(badStart.BackupStartTime)}`,
      ]
        .filter((w, i, all) => all.indexOf(w) === i)
        .sort(),
    );
    // The unknown status is not a warning: the record is simply not usable ("Success" is required).
    const failedOnly = await failure(lookup("alicloud.rds.BackupSet", { dbInstanceId: MAL_RDS, endpoint: emu.url, backupStatus: "Failed" }, testContext()));
    expect(failedOnly.message).toMatch(
      /^no backup set of RDS instance rm-emumalformed1 matches \(backupStatus Failed, available\): \d+ backup sets seen; newest: \d+ \(\S+\) is Deleting(; \d+ \(\S+\) [^;]+){0,2}$/,
    );
  });

  test("KVStore: unparsable BackupEndTime, no BackupId, unknown status lose; a numeric-string size is summed as a number", async () => {
    const good = kvFleet({ instanceId: MAL_KV, count: 2, now: NOW, firstAgoMin: 120, topId: 500_000_000 });
    const rec = (id: number | undefined, job: number, extra: Partial<KvstoreBackup> = {}): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        ...kvstoreBackup({
          NodeInstanceId: MAL_KV,
          BackupId: id ?? 1,
          BackupJobID: job,
          BackupStartTime: newest(10 * MINUTE),
          BackupEndTime: newest(MINUTE),
          ...extra,
        }),
      };
      if (id === undefined) delete r.BackupId;
      return r;
    };
    const badEnd = rec(999_001, 1);
    badEnd.BackupEndTime = "tomorrow";
    const noId = rec(undefined, 2);
    const weird = rec(999_003, 3, { BackupStatus: "Weird" });
    const stringSize = {
      ...kvstoreBackup({
        NodeInstanceId: MAL_KV,
        BackupId: 500_000_001,
        BackupJobID: 4,
        BackupStartTime: newest(50 * MINUTE),
        BackupEndTime: newest(40 * MINUTE),
      }),
      BackupSize: "12",
    };
    emu.data.addKvstoreInstance(MAL_KV, [...good, badEnd, noId, weird, stringSize] as unknown as KvstoreBackup[]);
    const ctx = testContext();
    const result = await lookup("alicloud.kvstore.BackupSet", { instanceId: MAL_KV, endpoint: emu.url }, ctx);
    expect([result.outputs.backupId, result.outputs.backupSize]).toEqual(["500000001", 12]);
    expect(ctx.logger.warnings().sort()).toEqual([
      "alicloud.kvstore.BackupSet: skipped a malformed record: a backup record without a BackupId",
      "alicloud.kvstore.BackupSet: skipped a malformed record: backup 999001 has an unparsable BackupEndTime",
    ]);
  });

  test("DCS: unparsable updated_at or created_at, no backup_id, missing updated_at and unknown status lose to an older good record", async () => {
    const good = dcsFleet({ instanceId: MAL_DCS, count: 2, now: NOW, firstAgoMin: 120 });
    const rec = (id: string | undefined, extra: Partial<DcsBackupRecord> = {}): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        ...dcsBackupRecord({
          backup_id: id ?? uuidFor(1),
          instance_id: MAL_DCS,
          created_at: isoMillis(NOW.getTime() - 10 * MINUTE),
          updated_at: isoMillis(NOW.getTime() - MINUTE),
          ...extra,
        }),
      };
      if (id === undefined) delete r.backup_id;
      return r;
    };
    const badUpdated = rec(uuidFor(0xf001));
    badUpdated.updated_at = "garbage";
    const noUpdated = rec(uuidFor(0xf002));
    delete noUpdated.updated_at;
    const noId = rec(undefined);
    const mystery = rec(uuidFor(0xf004), { status: "mystery", is_support_restore: "TRUE" });
    const badCreated = rec(uuidFor(0xf005));
    badCreated.created_at = new Date(NOW.getTime() - 10 * MINUTE).toString();
    emu.data.addDcsInstance(HW.projectId, MAL_DCS, [...good, badUpdated, noUpdated, noId, mystery, badCreated] as unknown as DcsBackupRecord[]);
    const ctx = testContext();
    const result = await lookup("huaweicloud.dcs.BackupSet", { instanceId: MAL_DCS, endpoint: emu.url }, ctx);
    expect(result.outputs.backupId).toBe(good[0].backup_id);
    expect(ctx.logger.warnings().sort()).toEqual([
      "huaweicloud.dcs.BackupSet: skipped a malformed record: a backup record without a backup_id",
      `huaweicloud.dcs.BackupSet: skipped a malformed record: backup record ${uuidFor(0xf001)} has an unparsable updated_at "garbage"`,
      `huaweicloud.dcs.BackupSet: skipped a malformed record: backup record ${uuidFor(0xf005)} has an unparsable created_at`,
    ]);
  });

  test("a listing of nothing but malformed records is 'no backup', naming what was seen, never a crash", async () => {
    const id = "rm-emumalformed2";
    const broken = { ...rdsBackup({ DBInstanceId: id, BackupId: "1234" }) } as Record<string, unknown>;
    delete broken.BackupEndTime;
    emu.data.addRdsInstance(id, [broken as unknown as RdsBackup]);
    const ctx = testContext();
    const err = await failure(lookup("alicloud.rds.BackupSet", { dbInstanceId: id, endpoint: emu.url }, ctx));
    expect(err.message).toBe(`no backup set of RDS instance ${id} matches (backupStatus Success, available): no backup sets at all`);
    expect(err.exitStatus).toBe(3);
    expect(ctx.logger.warnings()).toEqual(["alicloud.rds.BackupSet: skipped a malformed record: backup set 1234 has no BackupEndTime"]);
  });
});

// ------------------------------------------------------------------------------------------------------ CLI

describe("CLI under a persistent throttle", () => {
  test("exits 1 with one stderr line holding the code, the request id and the attempt count, and no stack trace", async () => {
    emu.faults.add("rds.DescribeBackups", { kind: "throttle", code: "Throttling.User" }, 50);
    const run = await runCli(["alicloud.rds.BackupSet", "--db-instance-id", RDS_ID, "--endpoint", emu.url], testEnv());
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^backup-lookup alicloud\.rds\.BackupSet: DescribeBackups failed: Throttling\.User \(HTTP 400\) - Request was denied due to user flow control\. \[request id [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\] after 6 attempts\. the API is throttling this account; retry later or run fewer lookups at once$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(run.stderr).not.toContain(ALI.accessKeySecret);
    expect(emu.count("rds.DescribeBackups")).toBe(6);
  }, 30_000);
});
