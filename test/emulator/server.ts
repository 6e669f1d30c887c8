/**
 * The emulator's HTTP server: one `node:http` server on 127.0.0.1 that speaks both clouds.
 *
 * - `/v2/...` and `/v3/...` are Huawei (SDK-HMAC-SHA256 signatures at the API gateway): DCS
 *   `GET /v2/{project_id}/instances/{instance_id}/backups` (host `dcs.{region}.myhuaweicloud.com`) and RDS
 *   `GET /v3/{project_id}/backups` (host `rds.{region}.myhuaweicloud.com`); the paths alone tell them apart.
 * - Anything else is Alibaba's RPC gateway (`/` with `Action` and `Version` in the `x-acs-*` headers or the
 *   parameters; ACS3-HMAC-SHA256 or legacy HMAC-SHA1 signatures), dispatched by action and version:
 *   `DescribeBackups` + 2014-08-15 is RDS, + 2015-01-01 is KVStore.
 *
 * Per request: route -> take a queued fault -> (transport fault? answer it) -> verify the signature ->
 * run the handler -> answer (after the configured latency, a `slow` delay, possibly `truncated`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AlibabaError, HuaweiError } from "./apiErrors";
import { ALIBABA_SIGNATURE_PARAMETERS, NonceRegistry, verifyAlibabaRequest } from "./alibabaSignature";
import { CredentialStore } from "./credentials";
import { EmulatorData, type EmulatorClock } from "./data";
import { FaultPlan, isPagingFault, type Fault } from "./faults";
import type { AlibabaHandler } from "./handlers/alibabaCall";
import { listBackupRecords } from "./handlers/dcs";
import { listHuaweiRdsBackups } from "./handlers/huaweiRds";
import { describeKvstoreBackups } from "./handlers/kvstore";
import { describeBackups, describeBackupTasks, listUserBackupFiles } from "./handlers/rds";
import { assumeRole } from "./handlers/sts";
import { SECURITY_TOKENS_PATH, createTemporaryAccessKey } from "./handlers/iam";
import { RoleTable } from "./roles";
import { verifyHuaweiRequest } from "./huaweiSignature";
import { alibabaRequestId, huaweiRequestId } from "./random";
import { DEFAULT_READINGS, type EmulatorReadings } from "./readings";
import { parseQueryString, headerValue, safeDecode, type ReceivedRequest } from "./receivedRequest";
import type { RecordOrder } from "./recordOrder";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Delay before every response, in milliseconds; default 0. */
  latencyMs?: number;
  /** Seed of the record order (the "scramble"); default 1. */
  seed?: number;
  /**
   * The emulator's time (signature timestamps are checked against it; time-driven backup jobs move by it).
   * Default: the wall clock. Share a `ManualClock` with the lookup context so a test that waits never sleeps;
   * with a clock that can sleep, the latency and `slow` delays are waited on it too (EmulatorClock.sleep).
   */
  clock?: EmulatorClock;
  /**
   * How far the emulator's clock runs ahead of `clock` (negative: behind), in milliseconds; default 0. The clouds
   * answer requests signed up to 15 minutes off their clock, so a runner a few minutes off still works: with
   * `clockOffsetMs` the emulator plays an API whose clock differs from the runner's (the lookup context's clock).
   * Every answer's `Date` header is the emulator's clock; signatures more than 15 minutes off it are refused
   * (Alibaba 400 `InvalidTimeStamp.Expired`, Huawei 401 `APIGW.0301`). Changeable with `setClockOffset`.
   */
  clockOffsetMs?: number;
  /** How the open questions are settled (./readings.ts); default {@link DEFAULT_READINGS}. */
  readings?: Partial<EmulatorReadings>;
  /** Order of the paged listings' records; default `scrambled`. */
  order?: RecordOrder;
}

/** One request the emulator answered. */
export interface RequestRecord {
  cloud: "alibaba" | "huawei";
  /** `rds.DescribeBackups`, `rds.DescribeBackupTasks`, `rds.ListUserBackupFiles`, `kvstore.DescribeBackups`,
   *  `dcs.ListBackupRecords`, `huaweiRds.ListBackups`; `alibaba.<Action>` / `huawei.unknown` for calls the
   *  emulator does not serve. */
  action: string;
  /** The API parameters (signature parameters and secrets removed); DCS adds `project_id` and `instance_id`,
   *  Huawei RDS `project_id`. */
  params: Record<string, string>;
  /** HTTP status sent; 0 when the connection was reset. */
  status: number;
  /** Time from receiving the request to finishing the response. */
  ms: number;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The port (also in `url`). */
  port: number;
  /** The seed the record order derives from. */
  seed: number;
  /** What the APIs list; mutable. */
  data: EmulatorData;
  /** The emulator's time (the base clock moved by the clock offset). */
  clock: EmulatorClock;
  /** Moves the emulator's clock `ms` ahead of its base clock (negative: behind); see `clockOffsetMs`. */
  setClockOffset(ms: number): void;
  /** How the open questions are settled; mutable, read by every request. */
  readings: EmulatorReadings;
  /** Queued faults. */
  faults: FaultPlan;
  /** The keys the signature checks accept; starts with {@link TEST_CREDENTIALS}. */
  credentials: CredentialStore;
  /** Accounts, roles and agencies, and the temporary keys issued (./roles.ts). */
  roles: RoleTable;
  /** Every request answered, oldest first. */
  requests: RequestRecord[];
  /** Requests seen, all or of one action (e.g. `"rds.DescribeBackups"`). */
  count(action?: string): number;
  /** Empties `requests`. */
  resetRequests(): void;
  /** Changes the delay before every response. */
  setLatency(ms: number): void;
  /** Changes the order of the paged listings' records (scrambled, newest first, oldest first). */
  setOrder(order: RecordOrder): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** The Alibaba actions the emulator serves, by `Action@Version`. */
const ALIBABA_ROUTES: Record<string, { action: string; handler: AlibabaHandler; product: string; host: string }> = {
  "DescribeBackups@2014-08-15": { action: "rds.DescribeBackups", handler: describeBackups, product: "Rds", host: "rds.aliyuncs.com" },
  "DescribeBackupTasks@2014-08-15": { action: "rds.DescribeBackupTasks", handler: describeBackupTasks, product: "Rds", host: "rds.aliyuncs.com" },
  "ListUserBackupFiles@2014-08-15": { action: "rds.ListUserBackupFiles", handler: listUserBackupFiles, product: "Rds", host: "rds.aliyuncs.com" },
  "DescribeBackups@2015-01-01": { action: "kvstore.DescribeBackups", handler: describeKvstoreBackups, product: "R-kvstore", host: "r-kvstore.aliyuncs.com" },
  "AssumeRole@2015-04-01": { action: "sts.AssumeRole", handler: assumeRole, product: "Sts", host: "sts.aliyuncs.com" },
};

/** Parameters of every RPC call that are not the API's own. */
const ALIBABA_COMMON_PARAMETERS = new Set(["Action", "Version", "Format", ...ALIBABA_SIGNATURE_PARAMETERS]);

const DCS_PATH = /^\/v2\/([^/]+)\/instances\/([^/]+)\/backups\/?$/;
const HUAWEI_RDS_PATH = /^\/v3\/([^/]+)\/backups\/?$/;

/** What one response will be, before latency and faults are applied. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Starts an emulator on 127.0.0.1. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const base: EmulatorClock = opts.clock ?? { now: () => new Date() };
  let clockOffsetMs = opts.clockOffsetMs ?? 0;
  const clock: EmulatorClock = {
    now: () => (clockOffsetMs === 0 ? base.now() : new Date(base.now().getTime() + clockOffsetMs)),
    // The delays wait on the base clock (a ManualClock records them): the offset moves "now", not durations.
    ...(base.sleep ? { sleep: (ms: number) => base.sleep!(ms) } : {}),
  };
  const readings: EmulatorReadings = { ...DEFAULT_READINGS, ...opts.readings };
  const data = new EmulatorData(clock);
  const faults = new FaultPlan();
  const credentials = CredentialStore.withTestCredentials();
  const roles = new RoleTable(credentials, clock);
  const nonces = new NonceRegistry();
  const requests: RequestRecord[] = [];
  const seed = opts.seed ?? 1;
  let latencyMs = opts.latencyMs ?? 0;
  let order: RecordOrder = opts.order ?? "scrambled";

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    readRequest(req)
      .then((received) =>
        /^\/v[23]\//.test(received.rawPath) || received.rawPath.startsWith("/v3.0/")
          ? serveHuawei(received, res, started)
          : serveAlibaba(received, res, started),
      )
      .catch((error: unknown) => {
        process.stderr.write(`emulator: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("emulator internal error");
      });
  });

  /** Alibaba RPC gateway. */
  async function serveAlibaba(req: ReceivedRequest, res: ServerResponse, started: number): Promise<void> {
    const contentType = headerValue(req, "content-type") ?? "";
    const form = contentType.includes("application/x-www-form-urlencoded") ? parseQueryString(req.body.toString("utf8")) : {};
    const all = { ...req.query, ...form };
    const actionName = headerValue(req, "x-acs-action") ?? all.Action;
    const version = headerValue(req, "x-acs-version") ?? all.Version;
    const route = ALIBABA_ROUTES[`${actionName}@${version}`];
    const action = route?.action ?? `alibaba.${actionName ?? "(none)"}`;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(all)) if (!ALIBABA_COMMON_PARAMETERS.has(k)) params[k] = v;
    const requestId = alibabaRequestId();
    const product = route?.product ?? (version === "2015-01-01" ? "R-kvstore" : "Rds");
    const hostId = route?.host ?? (version === "2015-01-01" ? "r-kvstore.aliyuncs.com" : "rds.aliyuncs.com");
    const record = (status: number) => requests.push({ cloud: "alibaba", action, params, status, ms: performance.now() - started });

    const errorAnswer = (status: number, code: string, message: string, id = requestId): Answer => ({
      status,
      headers: alibabaHeaders(headerSafe(id) ? id : requestId),
      body: JSON.stringify({
        RequestId: id,
        HostId: hostId,
        Code: code,
        Message: message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}&requestId=${encodeURIComponent(id)}`,
      }),
    });

    const fault = faults.take(action);
    const transport = fault && transportFaultAnswer(fault, "alibaba", errorAnswer, requestId);
    if (fault?.kind === "reset" || transport) return send(res, transport ?? null, fault, record);

    let answer: Answer;
    try {
      if (!route) throw new AlibabaError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
      roles.expireAlibabaKeys();
      const caller = verifyAlibabaRequest(req, all, credentials, nonces, clock.now().getTime());
      roles.checkAlibabaScope(caller.accessKeyId, action, params);
      const body = route.handler({
        params,
        data,
        seed,
        order,
        pagingFault: fault && isPagingFault(fault) ? fault : undefined,
        readings,
        caller: caller.accessKeyId,
        roles,
      });
      answer = { status: 200, headers: alibabaHeaders(requestId), body: JSON.stringify({ RequestId: requestId, ...body }) };
    } catch (error) {
      if (!(error instanceof AlibabaError)) throw error;
      answer = errorAnswer(error.status, error.code, error.message);
    }
    return send(res, answer, fault, record);
  }

  /** Huawei API gateway in front of DCS and RDS. */
  async function serveHuawei(req: ReceivedRequest, res: ServerResponse, started: number): Promise<void> {
    const requestId = huaweiRequestId();
    const match = req.method === "GET" ? DCS_PATH.exec(req.rawPath) : null;
    const iam = req.method === "POST" && req.rawPath === SECURITY_TOKENS_PATH;
    const rdsMatch = req.method === "GET" && !match ? HUAWEI_RDS_PATH.exec(req.rawPath) : null;
    const action = match ? "dcs.ListBackupRecords" : rdsMatch ? "huaweiRds.ListBackups" : iam ? "iam.CreateTemporaryAccessKeyByAgency" : "huawei.unknown";
    const service: HuaweiService = rdsMatch ? "rds" : "dcs";
    const projectId = match ? safeDecode(match[1]) : rdsMatch ? safeDecode(rdsMatch[1]) : "";
    const instanceId = match ? safeDecode(match[2]) : "";
    const params = match
      ? { project_id: projectId, instance_id: instanceId, ...req.query }
      : rdsMatch
        ? { project_id: projectId, ...req.query }
        : { ...req.query };
    const record = (status: number) => requests.push({ cloud: "huawei", action, params, status, ms: performance.now() - started });

    const errorAnswer = (status: number, code: string, message: string, id = requestId): Answer =>
      huaweiErrorAnswer(new HuaweiError(status, code, message, code.startsWith("APIGW.") ? "apigw" : service), id, requestId);

    const fault = faults.take(action);
    const transport = fault && transportFaultAnswer(fault, "huawei", errorAnswer, requestId, service);
    if (fault?.kind === "reset" || transport) return send(res, transport ?? null, fault, record);

    let answer: Answer;
    try {
      if (!match && !rdsMatch && !iam) throw new HuaweiError(404, "APIGW.0101", "The API does not exist or has not been published in the environment", "apigw");
      const caller = verifyHuaweiRequest(req, credentials, clock.now().getTime());
      roles.checkHuaweiToken(req, caller.accessKey);
      if (iam) {
        const r = createTemporaryAccessKey(req, caller.accessKey, roles);
        return send(res, { status: r.status, headers: huaweiHeaders(requestId), body: JSON.stringify(r.body) }, fault, record);
      }
      if (rdsMatch) {
        const body = listHuaweiRdsBackups({
          projectId,
          query: req.query,
          data,
          seed,
          order,
          pagingFault: fault && isPagingFault(fault) ? fault : undefined,
          readings,
        });
        return send(res, { status: 200, headers: huaweiHeaders(requestId), body: JSON.stringify(body) }, fault, record);
      }
      roles.checkHuaweiScope(caller.accessKey, instanceId);
      const result = listBackupRecords({
        projectId,
        instanceId,
        query: req.query,
        data,
        seed,
        order,
        pagingFault: fault && isPagingFault(fault) ? fault : undefined,
        readings,
      });
      answer =
        result.status === 204
          ? { status: 204, headers: { "X-Request-Id": requestId }, body: "" }
          : { status: 200, headers: huaweiHeaders(requestId), body: JSON.stringify(result.body) };
    } catch (error) {
      if (!(error instanceof HuaweiError)) throw error;
      answer = huaweiErrorAnswer(error, requestId);
    }
    return send(res, answer, fault, record);
  }

  /**
   * Writes an answer after the latency, applying `slow`, `truncated` and `reset`. A client that gives up during
   * the delay (its request timed out) gets nothing and is not recorded: no timer outlives its connection.
   */
  async function send(res: ServerResponse, answer: Answer | null, fault: Fault | undefined, record: (status: number) => void): Promise<void> {
    const delay = latencyMs + (fault?.kind === "slow" ? fault.ms : 0);
    if (delay > 0 && !(await (clock.sleep ? clock.sleep(delay).then(() => !res.destroyed) : waitUnlessClosed(res, delay)))) return;
    if (fault?.kind === "reset" || answer === null) {
      record(0);
      res.socket?.destroy();
      return;
    }
    let body = Buffer.from(answer.body, "utf8");
    if (fault?.kind === "truncated" && body.length > 1) body = body.subarray(0, Math.floor(body.length / 2));
    res.on("finish", () => record(answer.status));
    // The API's clock, as the clouds' gateways send it (Node would send the wall clock).
    const headers = { Date: clock.now().toUTCString(), ...answer.headers };
    if (answer.status === 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(answer.status, { ...headers, "Content-Length": String(body.length) });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seed,
    data,
    clock,
    readings,
    faults,
    credentials,
    roles,
    requests,
    count: (action?: string) => (action === undefined ? requests.length : requests.filter((r) => r.action === action).length),
    resetRequests: () => {
      requests.length = 0;
    },
    setClockOffset: (ms: number) => {
      clockOffsetMs = ms;
    },
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    setOrder: (next: RecordOrder) => {
      order = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Waits `ms`; resolves false at once if the connection of `res` closes first (the client went away). */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (open: boolean) => {
      clearTimeout(timer);
      res.off("close", closed);
      resolve(open);
    };
    const closed = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    res.once("close", closed);
  });
}

/** Reads the whole request. */
function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", reject);
    req.on("end", () => {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const rawQuery = q < 0 ? "" : url.slice(q + 1);
      resolve({
        method: req.method ?? "GET",
        rawPath: q < 0 ? url : url.slice(0, q),
        rawQuery,
        query: parseQueryString(rawQuery),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
    });
  });
}

/**
 * The answer a transport fault gives instead of the real one; `undefined` for faults that alter the real
 * answer (`slow`, `truncated`, paging faults) and for `reset` (no answer at all).
 */
function transportFaultAnswer(
  fault: Fault,
  cloud: "alibaba" | "huawei",
  errorAnswer: (status: number, code: string, message: string, id?: string) => Answer,
  requestId: string,
  service: HuaweiService = "dcs",
): Answer | undefined {
  const requestIdHeader: Record<string, string> = cloud === "alibaba" ? { "x-acs-request-id": requestId } : { "X-Request-Id": requestId };
  switch (fault.kind) {
    case "throttle": {
      let answer: Answer;
      if (cloud === "huawei") {
        answer = errorAnswer(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute");
      } else if (fault.code === "ServiceUnavailable") {
        answer = errorAnswer(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
      } else if (fault.code === "Throttling") {
        answer = errorAnswer(400, "Throttling", "Request was denied due to request throttling.");
      } else {
        answer = errorAnswer(400, "Throttling.User", "Request was denied due to user flow control.");
      }
      if (fault.retryAfter !== undefined) answer.headers["Retry-After"] = String(fault.retryAfter);
      return answer;
    }
    case "http": {
      const code = fault.code ?? defaultFaultCode(cloud, fault.status, service);
      return errorAnswer(fault.status, code, fault.message ?? defaultFaultMessage(fault.status), fault.requestId);
    }
    case "html": {
      const server = cloud === "alibaba" ? "Tengine" : "nginx";
      return {
        status: 502,
        headers: { "Content-Type": "text/html", Server: server, ...requestIdHeader },
        body: `<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`,
      };
    }
    case "nonJson200":
      return {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: "<!DOCTYPE html><html><head><title>Network login</title></head><body><p>Please sign in to continue.</p></body></html>",
      };
    default:
      return undefined;
  }
}

/** The Huawei service behind the gateway that a request reached. */
type HuaweiService = "dcs" | "rds";

function defaultFaultCode(cloud: "alibaba" | "huawei", status: number, service: HuaweiService): string {
  if (cloud === "huawei" && service === "rds") return status >= 500 ? "DBS.108000" : "DBS.200001";
  if (cloud === "huawei") return status >= 500 ? "DCS.5000" : "DCS.4000";
  if (status === 503) return "ServiceUnavailable";
  if (status >= 500) return "InternalError";
  if (status === 403) return "Forbidden.RAM";
  return "UnknownError";
}

function defaultFaultMessage(status: number): string {
  if (status === 503) return "The request has failed due to a temporary failure of the server.";
  if (status >= 500) return "The request processing has failed due to some unknown error, exception or failure.";
  if (status === 403) return "User not authorized to operate on the specified resource, or this API doesn't support RAM.";
  return "The request failed.";
}

function alibabaHeaders(requestId: string): Record<string, string> {
  return { "Content-Type": "application/json;charset=utf-8", "x-acs-request-id": requestId };
}

function huaweiHeaders(requestId: string): Record<string, string> {
  return { "Content-Type": "application/json;charset=UTF-8", "X-Request-Id": requestId };
}

/** Can `value` be sent as an HTTP header value? (Node refuses C0 controls but TAB, DEL, and anything past U+00FF.) */
function headerSafe(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}

/** The gateway's, DCS's or RDS's error body; the header carries `requestId`, or `fallbackId` when it cannot. */
function huaweiErrorAnswer(error: HuaweiError, requestId: string, fallbackId = requestId): Answer {
  const body =
    error.source === "apigw"
      ? { error_msg: error.message, error_code: error.code, request_id: requestId }
      : error.source === "rds"
        ? { error_code: error.code, error_msg: error.message }
        : { error_msg: error.message, error_code: error.code, error_ext_msg: null };
  return { status: error.status, headers: huaweiHeaders(headerSafe(requestId) ? requestId : fallbackId), body: JSON.stringify(body) };
}
