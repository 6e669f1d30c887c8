/**
 * Alibaba RPC calls through the official core client, `@alicloud/openapi-client` (the same core every
 * generated per-service SDK uses; `@alicloud/rds20140815` alone is 27 MB for the three actions we call).
 *
 * What the official client does by default, and what this wrapper changes:
 * - it signs with ACS3-HMAC-SHA256 (`callApi` -> `doRequest`), as the current generated SDKs do;
 * - its read timeout is short (3 s in httpx) and `autoretry` is off: we set our own timeouts and run our own
 *   retry policy around it (a fresh nonce and timestamp per attempt, since the client builds them per call);
 * - its network errors quote the request URL: every message is rebuilt here and passed through `redact`.
 */
import { LookupContext, audienceOf } from "../../core/context";
import { BackupLookupError, InvalidArgumentsError, classifyFailure, fillTemplate } from "../../core/errors";
import { redact } from "../../core/redact";
import { observeApiClock, offsetFromDateHeader } from "../../core/apiClock";
import { retriedCall } from "../../core/retriedCall";
import { ALIBABA_FAILURES, AlibabaApiError, classifyAlibaba } from "./AlibabaApiError";
import { ALIBABA_HELP, resolveAlibabaKeys, resolveAlibabaRegion } from "./credentials";
import { AlibabaAuthPlan, alibabaAuthPlan } from "./assumeRole";
import { AlibabaAssumeRole, checkCredentialArgs } from "../../core/credentialArgs";

export type AlibabaProduct = "rds" | "kvstore";

const PRODUCTS: Record<AlibabaProduct, { version: string; code: string }> = {
  rds: { version: "2014-08-15", code: "rds" },
  kvstore: { version: "2015-01-01", code: "r-kvstore" },
};

/**
 * Regions served by the central endpoint (`rds.aliyuncs.com`, the host of the seed's own request example);
 * every other region has its own (`rds.eu-central-1.aliyuncs.com`). The official SDKs' rule: endpoint rule
 * "regional" with this map (alibabacloud rds20140815 client `_endpoint_map`).
 */
const CENTRAL_REGIONS = new Set([
  "cn-qingdao",
  "cn-beijing",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-shenzhen",
  "cn-hongkong",
  "ap-southeast-1",
  "us-west-1",
  "us-east-1",
]);

/** The public endpoint host of `product` in `region`. */
export function endpointHost(product: AlibabaProduct, region: string): string {
  const code = PRODUCTS[product].code;
  return CENTRAL_REGIONS.has(region) || /-(finance|gov)(-|$)/.test(region) ? `${code}.aliyuncs.com` : `${code}.${region}.aliyuncs.com`;
}

/** The `callApi` params of an RPC action, as the generated per-service SDKs pass them (POST, form body, JSON). */
export function rpcApiParams(action: string, version: string, protocol: "HTTP" | "HTTPS") {
  return { action, version, protocol, pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" };
}

export interface AlibabaCallResult {
  body: Record<string, unknown>;
  requestId?: string;
  /**
   * The API's clock minus the context's when the answer arrived, from its `Date` header (core/apiClock.ts);
   * kept with a cached answer, so a shared answer still tells its lookup the API's time.
   */
  clockOffsetMs?: number;
}

export interface AlibabaRpcClientOptions {
  product: AlibabaProduct;
  region: string;
  /** `https://host[:port]` or `http://127.0.0.1:port`; validated by the lookup schema. */
  endpoint?: string;
  /** A profile or a role in effect (./assumeRole.ts); absent for a plain key pair or the default chain. */
  auth?: AlibabaAuthPlan;
}

/** The default credential chain of @alicloud/credentials (only what is called here). */
type DefaultCredential = { getCredential(): Promise<unknown> };

/** `callApi` answers `{ body, headers, statusCode }` (headers lower-case, as Node received them). */
type OpenApiClient = { callApi(params: unknown, request: unknown, runtime: unknown): Promise<{ body: unknown; headers?: Record<string, unknown> }> };

/** One product's RPC client, shared by every call of one lookup. */
export class AlibabaRpcClient {
  readonly host: string;
  private readonly protocol: "HTTP" | "HTTPS";
  private client?: OpenApiClient;
  private credential?: DefaultCredential;
  /** `https://host[:port]` or `http://host:port`, for messages. */
  readonly endpoint: string;

  constructor(
    private readonly options: AlibabaRpcClientOptions,
    private readonly ctx: LookupContext,
  ) {
    if (options.endpoint) {
      const url = new URL(options.endpoint);
      this.host = url.host;
      this.protocol = url.protocol === "http:" ? "HTTP" : "HTTPS";
    } else {
      this.host = endpointHost(options.product, options.region);
      this.protocol = "HTTPS";
    }
    this.endpoint = `${this.protocol.toLowerCase()}://${this.host}`;
  }

  /** The official client, created on first use (loading it costs ~20 ms; a Huawei-only stack never does). */
  private getClient(): OpenApiClient {
    if (this.client) return this.client;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load (see above)
    const OpenApi = require("@alicloud/openapi-client") as {
      default: new (config: unknown) => OpenApiClient;
      Config: new (map: Record<string, unknown>) => unknown;
    };
    const keys = resolveAlibabaKeys(this.ctx);
    const config: Record<string, unknown> = {
      endpoint: this.host,
      protocol: this.protocol,
      regionId: this.options.region,
      readTimeout: this.ctx.requestTimeoutMs,
      connectTimeout: Math.min(this.ctx.requestTimeoutMs, 5000),
      userAgent: "pulumi-backup-lookups",
    };
    const auth = this.options.auth;
    if (auth) {
      // A profile's keys or a role's temporary keys, asked for on every request (they are cached and refreshed
      // in ./assumeRole.ts); `ready` asks first, so a refusal is reported as itself.
      config.credential = {
        getCredential: async () => {
          const k = await auth.keys();
          return {
            accessKeyId: k.accessKeyId,
            accessKeySecret: k.accessKeySecret,
            securityToken: k.securityToken,
            type: k.securityToken ? "sts" : "access_key",
            providerName: "",
          };
        },
      };
    } else if (keys) {
      config.accessKeyId = keys.accessKeyId;
      config.accessKeySecret = keys.accessKeySecret;
      if (keys.securityToken) config.securityToken = keys.securityToken;
    } else {
      // The official default chain: environment, OIDC, profile file, ECS RAM role (README "Credentials and
      // configuration"); resolved before the first call, see `resolveCredential`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, like the client's
      const Credential = (require("@alicloud/credentials") as typeof import("@alicloud/credentials")).default;
      this.credential = new Credential();
      config.credential = this.credential;
    }
    this.client = new OpenApi.default(new OpenApi.Config(config));
    return this.client;
  }

  /**
   * Calls `action` with `params` (strings and numbers), retrying per the context's policy. Identical calls
   * share one answer through the context's cache unless `fresh` is set (polling, refresh checks).
   */
  async call(action: string, params: Record<string, string | number | undefined>, fresh = false): Promise<AlibabaCallResult> {
    const query: Record<string, string> = { RegionId: this.options.region };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query[k] = String(v);
    const product = PRODUCTS[this.options.product];
    // Answers are per identity: a role's account sees other instances than the caller's.
    const cacheKey = JSON.stringify([this.protocol, this.host, product.version, action, Object.entries(query).sort(), this.options.auth?.identity ?? null]);
    // A role's keys are got before the request takes a slot of the endpoint's bound: the STS request needs a slot
    // of its own (the same host as the API's behind a proxy or in the emulator), so asking from inside could wait
    // on itself. Later calls find them cached.
    if (this.options.auth) await this.options.auth.keys();
    const result = await retriedCall(
      this.ctx,
      { action, host: this.host, cacheKey, fresh },
      {
        prepare: () => this.ready(action),
        send: (client) => this.send(client, action, product.version, query),
      },
    );
    observeApiClock(this.ctx, result.clockOffsetMs);
    return result;
  }

  /** The official client with its credentials resolved: nothing is sent until they are. */
  private async ready(action: string): Promise<OpenApiClient> {
    const client = this.getClient();
    if (this.options.auth) await this.options.auth.keys();
    else await this.resolveCredential(action);
    return client;
  }

  /**
   * The default chain throws plain `Error`s (no code) naming every source it tried; asking it first, apart
   * from the call, tells a missing credential from a network failure without reading message text. It caches
   * what it found, so `callApi` does not ask again.
   */
  private async resolveCredential(action: string): Promise<void> {
    if (!this.credential) return;
    try {
      await this.credential.getCredential();
    } catch {
      throw new AlibabaApiError({ code: "MissingCredentials", kind: "auth", action }, ALIBABA_HELP.noCredentials);
    }
  }

  private async send(client: OpenApiClient, action: string, version: string, query: Record<string, string>): Promise<AlibabaCallResult> {
    const params = rpcApiParams(action, version, this.protocol);
    const runtime = {
      autoretry: false,
      readTimeout: this.ctx.requestTimeoutMs,
      connectTimeout: Math.min(this.ctx.requestTimeoutMs, 5000),
    };
    let response: { body: unknown; headers?: Record<string, unknown> };
    try {
      response = await client.callApi(params, { query }, runtime);
    } catch (err) {
      throw toAlibabaError(err, action, this.endpoint);
    }
    const body = response.body;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new AlibabaApiError({ code: "MalformedResponse", kind: "response", action }, "the response body is not a JSON object");
    }
    const requestId = typeof (body as Record<string, unknown>).RequestId === "string" ? ((body as Record<string, unknown>).RequestId as string) : undefined;
    return { body: body as Record<string, unknown>, requestId, clockOffsetMs: offsetFromDateHeader(response.headers?.date, this.ctx.clock.now()) };
  }
}

/**
 * Turns whatever the official client threw into an `AlibabaApiError` with a rebuilt, redacted message. Only
 * structured fields are read (the cloud's `Code` and status on `data`, Node's `code`, the error's `name`): the
 * client's own message quotes the signed URL and is never shown.
 */
export function toAlibabaError(err: unknown, action: string, endpoint?: string): BackupLookupError {
  if (err instanceof BackupLookupError) return err;
  const e = (err ?? {}) as { code?: unknown; name?: unknown; message?: string; statusCode?: unknown; data?: Record<string, unknown> };
  const data = e.data && typeof e.data === "object" ? e.data : {};
  const status = typeof data.statusCode === "number" ? data.statusCode : typeof e.statusCode === "number" ? e.statusCode : undefined;
  if (status !== undefined) {
    // An answer of the cloud: ResponseError { code, data: { Code, Message, RequestId, statusCode } }.
    const cloudCode = firstString(data.Code, data.code);
    const code = cloudCode ?? `HTTP${status}`;
    const requestId = firstString(data.RequestId, data.requestId);
    const message = cloudCode ? (firstString(data.Message, data.message) ?? "") : redact(String(e.message ?? "")).slice(0, 200);
    return new AlibabaApiError({ code, requestId, httpStatus: status, kind: classifyAlibaba(code, status), action, endpoint }, message);
  }
  const facts = { code: typeof e.code === "string" ? e.code : undefined, name: typeof e.name === "string" ? e.name : undefined };
  const row = classifyFailure(ALIBABA_FAILURES, facts);
  const code = row.reportAs ?? facts.code ?? "UnknownError";
  const detail = row.detail ? fillTemplate(row.detail, { action, endpoint, code }) : redact(String(e.message ?? err)).slice(0, 200);
  return new AlibabaApiError({ code, kind: row.kind, action, endpoint }, detail);
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === "string" && v !== "");
}

/** The client for a lookup's arguments; a missing region is an argument error (exit 2) before any request. */
export function alibabaClientFor(
  product: AlibabaProduct,
  args: { region?: string; endpoint?: string; assumeRole?: unknown; profile?: string },
  ctx: LookupContext,
  lookup: string,
): AlibabaRpcClient {
  const wrongCloud = checkCredentialArgs(args, "alibaba");
  if (wrongCloud.length) throw new InvalidArgumentsError(lookup, wrongCloud);
  const auth = alibabaAuthPlan({ assumeRole: args.assumeRole as AlibabaAssumeRole | undefined, profile: args.profile }, ctx, lookup);
  const region = resolveAlibabaRegion(args.region, ctx);
  if (!region) {
    throw new InvalidArgumentsError(lookup, [{ argument: "region", reason: ALIBABA_HELP.noRegion[audienceOf(ctx)] }]);
  }
  return new AlibabaRpcClient({ product, region, endpoint: args.endpoint, auth }, ctx);
}
