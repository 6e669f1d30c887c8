/**
 * Signed GET requests to Huawei Cloud APIs over node:http(s).
 *
 * Hand-written instead of `@huaweicloud/huaweicloud-sdk-core`'s HcClient: that client requires `uuid` without
 * declaring it, logs HTTP errors to stdout (the CLI's JSON channel), and turns a non-JSON 200 body into `{}`,
 * which a list call would read as "no records". Here a truncated or non-JSON body is a retryable error, 204
 * is an empty answer, and nothing is printed. Signing is `signer.ts`, tested against the official signer.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { LookupContext } from "../../core/context";
import { retriedCall } from "../../core/retriedCall";
import { clockSkewHint, observeApiClock, offsetFromDateHeader } from "../../core/apiClock";
import { classifyFailure, fillTemplate } from "../../core/errors";
import { HUAWEI_FAILURES, HuaweiApiError, classifyHuawei } from "./HuaweiApiError";
import { HUAWEI_HELP, resolveHuaweiKeys } from "./credentials";
import { formatSdkDate, signHuaweiRequest } from "./signer";
import { HuaweiAuthPlan, huaweiAuthPlan } from "./assumeRole";
import { HuaweiAssumeRole, checkCredentialArgs } from "../../core/credentialArgs";
import { InvalidArgumentsError } from "../../core/errors";

export interface HuaweiResponse {
  status: number;
  /** Parsed JSON body; `undefined` for 204 No Content. */
  body?: Record<string, unknown>;
  requestId?: string;
  /** The API's clock minus the context's when the answer arrived, from its `Date` header (core/apiClock.ts). */
  clockOffsetMs?: number;
}

export class HuaweiClient {
  readonly base: URL;
  /** `scheme://host[:port]`, for messages (never userinfo or a path). */
  readonly endpoint: string;
  /** A profile or an agency in effect (./assumeRole.ts); absent for the plain AK/SK. */
  private readonly auth?: HuaweiAuthPlan;
  /**
   * `args` (the lookup's arguments: `assumeRole`, `profile`, `region`) and `lookup` (its name, for messages) choose
   * whose credentials sign; a bad one is an argument error here, before any request. `permission`: the IAM action the
   * lookup needs (`rds:backup:list`), named in the hint of an HTTP 403.
   */
  constructor(
    endpoint: string,
    private readonly ctx: LookupContext,
    args?: { assumeRole?: unknown; profile?: string; region?: string },
    lookup = "huaweicloud",
    private readonly permission?: string,
  ) {
    this.base = new URL(endpoint);
    this.endpoint = `${this.base.protocol}//${this.base.host}`;
    if (args) {
      const wrongCloud = checkCredentialArgs(args, "huawei");
      if (wrongCloud.length) throw new InvalidArgumentsError(lookup, wrongCloud);
      this.auth = huaweiAuthPlan({ assumeRole: args.assumeRole as HuaweiAssumeRole | undefined, profile: args.profile, region: args.region }, ctx, lookup);
    }
  }

  /** GET `path` with `query`, signed, retried per policy; identical calls share one answer unless `fresh`. */
  async get(action: string, path: string, query: Record<string, string | number | undefined>, fresh = false): Promise<HuaweiResponse> {
    const url = new URL(this.base.toString());
    url.pathname = (this.base.pathname.replace(/\/$/, "") + path).replace(/\/{2,}/g, "/");
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const auth = this.auth;
    const keys = auth ? undefined : resolveHuaweiKeys(this.ctx);
    if (!auth && !keys) {
      throw new HuaweiApiError({ code: "MissingCredentials", kind: "auth", action }, HUAWEI_HELP.noCredentials);
    }
    // Answers are per identity: an agency's account sees other instances than the caller's.
    const cacheKey = JSON.stringify(["huawei", url.toString(), auth?.identity ?? null]);
    // An agency's keys are got before the request takes a slot of the endpoint's bound (the IAM request needs one
    // of its own, on the same host behind a proxy or in the emulator); later calls find them cached.
    if (auth) await auth.keys();
    const result = await retriedCall(
      this.ctx,
      { action, host: url.host, cacheKey, fresh },
      {
        // signed per attempt: the signature carries the attempt's time (and an agency's keys may have been refreshed)
        prepare: async () => {
          const k = auth ? await auth.keys() : { accessKey: keys!.accessKey, secretKey: keys!.secretKey, securityToken: undefined };
          const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "pulumi-backup-lookups" };
          if (k.securityToken) headers["X-Security-Token"] = k.securityToken;
          return signHuaweiRequest({
            method: "GET",
            url,
            headers,
            accessKey: k.accessKey,
            secretKey: k.secretKey,
            sdkDate: formatSdkDate(this.ctx.clock.now()),
          });
        },
        send: (headers) => this.send(action, url, headers),
      },
    );
    observeApiClock(this.ctx, result.clockOffsetMs);
    return result;
  }

  private send(action: string, url: URL, headers: Record<string, string>): Promise<HuaweiResponse> {
    const lib = url.protocol === "http:" ? http : https;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method: "GET", headers, timeout: this.ctx.requestTimeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", () => reject(new HuaweiApiError({ code: "ECONNRESET", kind: "network", action }, "the connection broke while reading the response")));
        res.on("aborted", () => reject(new HuaweiApiError({ code: "ECONNRESET", kind: "network", action }, "the connection broke while reading the response")));
        res.on("end", () => {
          try {
            const answer = interpret(action, res, Buffer.concat(chunks).toString("utf8"), this.ctx.clock.now(), this.permission);
            resolve({ ...answer, clockOffsetMs: offsetFromDateHeader(res.headers.date, this.ctx.clock.now()) });
          } catch (err) {
            reject(err);
          }
        });
      });
      req.on("timeout", () => {
        req.destroy();
        reject(new HuaweiApiError({ code: "RequestTimeout", kind: "timeout", action }, "no response within the request timeout"));
      });
      req.on("error", (err: NodeJS.ErrnoException) => reject(transportError(action, this.endpoint, err)));
      req.end();
    });
  }
}

/** A failure before any answer (refused, unresolvable, TLS), classified by Node's error code. */
function transportError(action: string, endpoint: string, err: NodeJS.ErrnoException): HuaweiApiError {
  const facts = { code: typeof err.code === "string" ? err.code : undefined };
  const row = classifyFailure(HUAWEI_FAILURES, facts);
  const code = row.detail ? (facts.code ?? "NetworkError") : "NetworkError";
  const kind = row.detail ? row.kind : "network";
  const detail = row.detail ? fillTemplate(row.detail, { action, endpoint, code }) : `network error talking to ${endpoint}`;
  return new HuaweiApiError({ code, kind, action, endpoint }, detail);
}

function interpret(action: string, res: http.IncomingMessage, text: string, receivedAt: Date, permission?: string): HuaweiResponse {
  const status = res.statusCode ?? 0;
  const headerId = res.headers["x-request-id"];
  const requestId = typeof headerId === "string" ? headerId : undefined;
  if (status === 204) return { status, requestId };
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300) {
    if (!body) {
      throw new HuaweiApiError(
        { code: "MalformedResponse", httpStatus: status, requestId, kind: "response", action },
        "the response was not a JSON object (truncated body or a proxy error page)",
      );
    }
    return { status, body, requestId };
  }
  const retryAfter = Number(res.headers["retry-after"]);
  const code = typeof body?.error_code === "string" ? body.error_code : `HTTP${status}`;
  const message = typeof body?.error_msg === "string" ? body.error_msg : body ? "" : "a non-JSON error page (a proxy or gateway answered)";
  const rid = requestId ?? (typeof body?.request_id === "string" ? body.request_id : undefined);
  throw new HuaweiApiError(
    {
      code,
      httpStatus: status,
      requestId: rid,
      kind: classifyHuawei(status, code),
      action,
      permission,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    },
    message,
    status === 401 ? clockSkewHint(res.headers.date, receivedAt) : undefined,
  );
}
