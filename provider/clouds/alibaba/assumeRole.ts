/**
 * Alibaba Cloud credentials beyond a plain key pair (docs/credentials.md): a profile of the Alibaba Cloud CLI
 * config (`~/.aliyun/config.json`, what the official provider's `profile` reads) and a RAM role assumed with STS
 * `AssumeRole` (the official provider's `assume_role` block). Precedence: the lookup's argument, then stack
 * config, then the environment; within one level, explicit keys before a profile (as terraform-provider-alicloud
 * reads them).
 *
 * The STS call goes through the same official core client as the lookups (`@alicloud/openapi-client`, RPC,
 * version 2015-04-01), so it is signed, retried, bounded and its errors classified like every other call; the
 * temporary keys are cached per role + session + base identity (../roleSessions.ts) on the context's clock.
 * `@alicloud/credentials`' RAM-role provider is not used for the role itself: it always speaks https, reads the
 * wall clock for expiry and reports refusals as message text; its CLI-profile provider is used for the profile
 * modes this file does not read itself (RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, ...).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { LookupContext } from "../../core/context";
import { ALIBABA_DURATION, AlibabaAssumeRole, assumeRoleIssues } from "../../core/credentialArgs";
import { BackupLookupError, CloudApiError, InvalidArgumentsError } from "../../core/errors";
import { redact, registerSecret } from "../../core/redact";
import { retriedCall } from "../../core/retriedCall";
import { AssumeRoleError } from "../AssumeRoleError";
import { TemporaryKeys, roleSession, sessionKey } from "../roleSessions";
import { AlibabaApiError } from "./AlibabaApiError";
import { rpcApiParams, toAlibabaError } from "./AlibabaRpcClient";
import { ALIBABA_HELP, AlibabaKeys, resolveAlibabaKeys } from "./credentials";

/** The default `RoleSessionName` (it shows in ActionTrail as who used the role). */
export const DEFAULT_SESSION_NAME = "pulumi-backup-lookups";
export const STS_VERSION = "2015-04-01";

type Level = 0 | 1 | 2;

interface Setting<T> {
  value: T;
  /** Where it came from, for messages: `argument assumeRole`, `stack config alicloud:profile`, `ALICLOUD_PROFILE`. */
  source: string;
  level: Level;
}

/** How a lookup's Alibaba credentials are obtained when a profile or a role is in effect. */
export interface AlibabaAuthPlan {
  /** What distinguishes these credentials in the request cache (role, session, profile; no secret). */
  identity: string;
  /** The role assumed, if any. */
  role?: Required<Pick<AlibabaAssumeRole, "roleArn" | "sessionName" | "durationSeconds">> & AlibabaAssumeRole;
  /** The keys to sign with now: the role's temporary keys (cached) or the profile's. */
  keys(): Promise<AlibabaKeys>;
}

// ---------------------------------------------------------------------------------------------------------
// Settings.

function profileSetting(args: { profile?: string }, ctx: LookupContext): Setting<string> | undefined {
  if (args.profile) return { value: args.profile, source: "argument profile", level: 0 };
  const c = ctx.config["alicloud:profile"];
  if (c) return { value: c, source: "stack config alicloud:profile", level: 1 };
  for (const name of ["ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"]) {
    const v = ctx.env[name];
    if (v) return { value: v, source: name, level: 2 };
  }
  return undefined;
}

function invalid(lookup: string, argument: string, source: string, issues: { argument: string; reason: string }[]): InvalidArgumentsError {
  return new InvalidArgumentsError(
    lookup,
    issues.map((i) => ({ argument, reason: `(from ${source}) ${i.argument.replace(/^[^.]*\.?/, "")}${i.argument.includes(".") ? ": " : ""}${i.reason}` })),
  );
}

/** The role to assume: the argument, then `alicloud:assumeRole` (JSON), then the environment. */
function roleSetting(args: { assumeRole?: AlibabaAssumeRole }, ctx: LookupContext, lookup: string): Setting<AlibabaAssumeRole> | undefined {
  if (args.assumeRole) return { value: args.assumeRole, source: "argument assumeRole", level: 0 };
  const text = ctx.config["alicloud:assumeRole"];
  if (text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidArgumentsError(lookup, [
        {
          argument: "assumeRole",
          reason: "(from stack config alicloud:assumeRole) is not a JSON object; set it with pulumi config set --path 'alicloud:assumeRole.roleArn' <arn>",
        },
      ]);
    }
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      // The official provider's names: sessionExpiration (0 = the cloud's default).
      const { sessionExpiration, ...rest } = parsed as Record<string, unknown>;
      const role: Record<string, unknown> = { ...rest };
      if (sessionExpiration !== undefined && sessionExpiration !== 0 && sessionExpiration !== "0" && sessionExpiration !== "")
        role.durationSeconds = Number(sessionExpiration);
      if (role.roleArn === "" || role.roleArn === undefined) {
        // An empty ARN means no role switching (the official provider's rule).
        if (Object.keys(role).every((k) => role[k] === "" || role[k] === undefined || k === "durationSeconds" || k === "sessionName")) return undefined;
      }
      const issues = assumeRoleIssues(role);
      if (role.agencyName !== undefined || role.domainName !== undefined)
        issues.push({
          argument: "assumeRole",
          reason: "names a Huawei Cloud agency; alicloud:assumeRole takes { roleArn, sessionName?, externalId?, sessionExpiration?, policy? }",
        });
      if (issues.length) throw invalid(lookup, "assumeRole", "stack config alicloud:assumeRole", issues);
      return { value: role as unknown as AlibabaAssumeRole, source: "stack config alicloud:assumeRole", level: 1 };
    }
    throw new InvalidArgumentsError(lookup, [{ argument: "assumeRole", reason: "(from stack config alicloud:assumeRole) must be a JSON object with roleArn" }]);
  }
  const e = ctx.env;
  // ALIBABA_CLOUD_ROLE_ARN with an OIDC provider is the OIDC role of the default chain, not a role to assume here.
  const arnVar =
    e.ALIBABA_CLOUD_ROLE_ARN && !e.ALIBABA_CLOUD_OIDC_PROVIDER_ARN
      ? "ALIBABA_CLOUD_ROLE_ARN"
      : e.ALICLOUD_ASSUME_ROLE_ARN
        ? "ALICLOUD_ASSUME_ROLE_ARN"
        : undefined;
  if (!arnVar) return undefined;
  const role: Record<string, unknown> = { roleArn: e[arnVar] };
  const session = e.ALIBABA_CLOUD_ROLE_SESSION_NAME || e.ALICLOUD_ASSUME_ROLE_SESSION_NAME;
  if (session) role.sessionName = session;
  const expiration = e.ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION;
  if (expiration && expiration !== "0") role.durationSeconds = Number(expiration);
  const issues = assumeRoleIssues(role);
  if (issues.length) throw invalid(lookup, "assumeRole", `${arnVar} and the other role variables of the environment`, issues);
  return { value: role as unknown as AlibabaAssumeRole, source: arnVar, level: 2 };
}

/** The STS endpoint: `ALIBABA_CLOUD_STS_ENDPOINT` (a URL or host), else `ALIBABA_CLOUD_STS_REGION`'s, else the central one. */
export function stsEndpoint(ctx: LookupContext): { host: string; protocol: "HTTP" | "HTTPS"; url: string } {
  const given = ctx.env.ALIBABA_CLOUD_STS_ENDPOINT;
  if (given) {
    let u: URL;
    try {
      u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`);
    } catch {
      throw new BackupLookupError(
        `ALIBABA_CLOUD_STS_ENDPOINT must be a URL or a host name such as "sts-vpc.cn-hangzhou.aliyuncs.com", got ${JSON.stringify(given)}`,
        2,
      );
    }
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(u.hostname);
    if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password || (u.protocol === "http:" && !loopback)) {
      throw new BackupLookupError(
        `ALIBABA_CLOUD_STS_ENDPOINT must be an https URL (plain http only for loopback hosts, no user info), got ${JSON.stringify(`${u.protocol}//${u.host}`)}`,
        2,
      );
    }
    const protocol = u.protocol === "http:" ? "HTTP" : "HTTPS";
    return { host: u.host, protocol, url: `${u.protocol}//${u.host}` };
  }
  const region = ctx.env.ALIBABA_CLOUD_STS_REGION;
  const vpc = (ctx.env.ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED ?? "").toLowerCase() === "true";
  const host = region ? `sts${vpc ? "-vpc" : ""}.${region}.aliyuncs.com` : "sts.aliyuncs.com";
  return { host, protocol: "HTTPS", url: `https://${host}` };
}

// ---------------------------------------------------------------------------------------------------------
// Base keys: explicit keys, a CLI profile, or the official default chain.

function homeDir(ctx: LookupContext): string {
  return ctx.env.HOME || ctx.env.USERPROFILE || os.homedir();
}

/** The Alibaba CLI config file: `alicloud:sharedCredentialsFile`, `ALICLOUD_SHARED_CREDENTIALS_FILE`, `~/.aliyun/config.json`. */
export function aliyunConfigFile(ctx: LookupContext): string {
  const given = ctx.config["alicloud:sharedCredentialsFile"] || ctx.env.ALICLOUD_SHARED_CREDENTIALS_FILE;
  const home = homeDir(ctx);
  if (given) return given.startsWith("~") ? path.join(home, given.slice(1)) : given;
  return path.join(home, ".aliyun", "config.json");
}

interface AliyunProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
}

/** The part of the official CLI-profile provider used here (its `getCredentialsProvider` is private in its types). */
type CLIProfileModule = {
  default: {
    builder(): { withProfileName(name: string): { build(): { getCredentialsProvider(conf: unknown, name: string): { getCredentials(): Promise<unknown> } } } };
  };
};

/** The keys of profile `name` of the Alibaba CLI config. */
async function profileKeys(profile: Setting<string>, ctx: LookupContext, lookup: string): Promise<AlibabaKeys> {
  const file = aliyunConfigFile(ctx);
  const fail = (reason: string) =>
    new InvalidArgumentsError(lookup, [{ argument: "profile", reason: `${JSON.stringify(profile.value)} (from ${profile.source}): ${reason}` }]);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw fail(
      `the Alibaba Cloud CLI config ${file} cannot be read; create the profile with \`aliyun configure --profile ${profile.value}\`, or point alicloud:sharedCredentialsFile (ALICLOUD_SHARED_CREDENTIALS_FILE) at the file`,
    );
  }
  let conf: { profiles?: AliyunProfile[] };
  try {
    conf = JSON.parse(text) as { profiles?: AliyunProfile[] };
  } catch {
    throw fail(`${file} is not valid JSON`);
  }
  const profiles = Array.isArray(conf?.profiles) ? conf.profiles : [];
  const p = profiles.find((x) => x && x.name === profile.value);
  if (!p) {
    const names = profiles.map((x) => x?.name).filter((n): n is string => typeof n === "string");
    throw fail(`no such profile in ${file} (${names.length ? `profiles there: ${names.join(", ")}` : "it has no profiles"})`);
  }
  const mode = p.mode ?? "AK";
  if (mode === "AK" || mode === "StsToken") {
    if (!p.access_key_id || !p.access_key_secret || (mode === "StsToken" && !p.sts_token)) {
      throw fail(
        `the profile (mode ${mode}) in ${file} has no ${mode === "StsToken" ? "access_key_id / access_key_secret / sts_token" : "access_key_id / access_key_secret"}`,
      );
    }
    const token = mode === "StsToken" ? p.sts_token : undefined;
    [p.access_key_id, p.access_key_secret, token].forEach(registerSecret);
    return { accessKeyId: p.access_key_id, accessKeySecret: p.access_key_secret, securityToken: token, source: `profile ${profile.value}` };
  }
  // The other modes (RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, ...): the official provider.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load: only the rarer profile modes need it
    const CLIProfile = (require("@alicloud/credentials/dist/src/providers/cli_profile") as CLIProfileModule).default;
    const inner = CLIProfile.builder().withProfileName(profile.value).build().getCredentialsProvider(conf, profile.value);
    const c = (await inner.getCredentials()) as { accessKeyId: string; accessKeySecret: string; securityToken?: string };
    [c.accessKeyId, c.accessKeySecret, c.securityToken].forEach(registerSecret);
    return {
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: c.securityToken || undefined,
      source: `profile ${profile.value} (mode ${mode})`,
    };
  } catch (err) {
    if (err instanceof BackupLookupError) throw err;
    throw new AlibabaApiError(
      { code: "ProfileCredentialsFailed", kind: "auth", action: "GetCredentials" },
      `the profile ${JSON.stringify(profile.value)} (mode ${mode}) of ${file} gave no credentials: ${redact(String((err as Error)?.message ?? err)).slice(0, 200)}`,
    );
  }
}

/** The official default chain's keys (environment, OIDC, CLI config's current profile, ECS RAM role). */
async function defaultChainKeys(): Promise<AlibabaKeys> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load: only the default chain needs it
    const Credential = (require("@alicloud/credentials") as typeof import("@alicloud/credentials")).default;
    const c = (await new Credential().getCredential()) as { accessKeyId: string; accessKeySecret: string; securityToken?: string };
    [c.accessKeyId, c.accessKeySecret, c.securityToken].forEach(registerSecret);
    return {
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: c.securityToken || undefined,
      source: "the default credential chain",
    };
  } catch {
    throw new AlibabaApiError({ code: "MissingCredentials", kind: "auth", action: "AssumeRole" }, ALIBABA_HELP.noCredentials);
  }
}

// ---------------------------------------------------------------------------------------------------------
// AssumeRole.

const KEY_CODES =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature|MissingSecurityToken|MissingCredentials|InvalidTimeStamp)/;

/** An STS refusal reworded to name the role and say what to do; the base keys' own failures keep their hints. */
export function refusedRole(err: unknown, role: AlibabaAssumeRole, endpoint: string): unknown {
  if (!(err instanceof CloudApiError) || (err.kind !== "auth" && err.kind !== "client") || KEY_CODES.test(err.code)) return err;
  const arn = role.roleArn;
  const details = { code: err.code, requestId: err.requestId, httpStatus: err.httpStatus, kind: err.kind, action: "AssumeRole", endpoint };
  const cloud = err.detail ? `: ${err.detail}` : "";
  if (err.code.startsWith("EntityNotExist.Role")) {
    return new AssumeRoleError(
      "alibaba",
      arn,
      details,
      `there is no RAM role ${arn}${cloud}`,
      "check assumeRole.roleArn: the account id and the role name (RAM console > Identities > Roles)",
    );
  }
  if (/^(NoPermission|Forbidden|AuthenticationFail|NotAuthorized)/.test(err.code)) {
    return new AssumeRoleError(
      "alibaba",
      arn,
      details,
      `the RAM role ${arn} refused to be assumed by these credentials${cloud}`,
      `the role's trust policy must name the caller's account (or RAM user) as a principal${role.externalId ? " with a matching sts:ExternalId condition" : ""}, and the caller needs the RAM permission sts:AssumeRole on ${arn}`,
    );
  }
  return new AssumeRoleError(
    "alibaba",
    arn,
    details,
    `could not assume the RAM role ${arn}${cloud}`,
    "check assumeRole: sessionName, durationSeconds (at most the role's maximum session duration), policy",
  );
}

type OpenApiClient = { callApi(params: unknown, request: unknown, runtime: unknown): Promise<{ body: unknown }> };

/** One STS AssumeRole request with `base`; the temporary keys, or an error naming the role. */
async function callAssumeRole(base: AlibabaKeys, role: NonNullable<AlibabaAuthPlan["role"]>, ctx: LookupContext): Promise<TemporaryKeys> {
  const sts = stsEndpoint(ctx);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load: a stack without a role never needs it
  const OpenApi = require("@alicloud/openapi-client") as {
    default: new (config: unknown) => OpenApiClient;
    Config: new (map: Record<string, unknown>) => unknown;
  };
  const config: Record<string, unknown> = {
    accessKeyId: base.accessKeyId,
    accessKeySecret: base.accessKeySecret,
    endpoint: sts.host,
    protocol: sts.protocol,
    readTimeout: ctx.requestTimeoutMs,
    connectTimeout: Math.min(ctx.requestTimeoutMs, 5000),
    userAgent: "pulumi-backup-lookups",
  };
  if (base.securityToken) config.securityToken = base.securityToken;
  const client = new OpenApi.default(new OpenApi.Config(config));
  const query: Record<string, string> = { RoleArn: role.roleArn, RoleSessionName: role.sessionName, DurationSeconds: String(role.durationSeconds) };
  if (role.externalId) query.ExternalId = role.externalId;
  if (role.policy) query.Policy = role.policy;
  ctx.log.debug(`AssumeRole: assuming ${role.roleArn} (session ${role.sessionName}) with the keys of ${base.source}`);
  return retriedCall(
    ctx,
    { action: "AssumeRole", host: sts.host, cacheKey: "", fresh: true },
    {
      prepare: () => client,
      send: async (c) => {
        let body: unknown;
        try {
          body = (
            await c.callApi(
              rpcApiParams("AssumeRole", STS_VERSION, sts.protocol),
              { query },
              { autoretry: false, readTimeout: ctx.requestTimeoutMs, connectTimeout: Math.min(ctx.requestTimeoutMs, 5000) },
            )
          ).body;
        } catch (err) {
          throw refusedRole(toAlibabaError(err, "AssumeRole", sts.url), role, sts.url);
        }
        const creds = (body as { Credentials?: Record<string, unknown> } | undefined)?.Credentials;
        const expires = typeof creds?.Expiration === "string" ? Date.parse(creds.Expiration) : NaN;
        if (
          !creds ||
          typeof creds.AccessKeyId !== "string" ||
          typeof creds.AccessKeySecret !== "string" ||
          typeof creds.SecurityToken !== "string" ||
          Number.isNaN(expires)
        ) {
          throw new AlibabaApiError(
            { code: "MalformedResponse", kind: "response", action: "AssumeRole", endpoint: sts.url },
            "the AssumeRole answer holds no complete Credentials (AccessKeyId, AccessKeySecret, SecurityToken, Expiration)",
          );
        }
        [creds.AccessKeyId, creds.AccessKeySecret, creds.SecurityToken].forEach((v) => registerSecret(v));
        return { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, securityToken: creds.SecurityToken, expiresAtMs: expires };
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The plan.

/**
 * How to get a lookup's credentials when a profile or a role is in effect; `undefined` for the plain key pair or
 * the default chain (AlibabaRpcClient's own path). Throws InvalidArgumentsError for a bad setting (exit 2).
 */
export function alibabaAuthPlan(args: { assumeRole?: AlibabaAssumeRole; profile?: string }, ctx: LookupContext, lookup: string): AlibabaAuthPlan | undefined {
  const roleSet = roleSetting(args, ctx, lookup);
  const profile = profileSetting(args, ctx);
  const keys = resolveAlibabaKeys(ctx);
  const keysLevel: Level | undefined = keys ? (keys.source.startsWith("stack config") ? 1 : 2) : undefined;
  const useProfile = profile && (keysLevel === undefined || profile.level < keysLevel) ? profile : undefined;
  if (!roleSet && !useProfile) return undefined;
  if (roleSet) stsEndpoint(ctx); // a bad override fails now, before any request
  const role = roleSet
    ? {
        ...roleSet.value,
        sessionName: roleSet.value.sessionName ?? DEFAULT_SESSION_NAME,
        durationSeconds: roleSet.value.durationSeconds ?? ALIBABA_DURATION.default,
      }
    : undefined;
  let base: Promise<AlibabaKeys> | undefined;
  const baseKeys = () => {
    base ??= useProfile ? profileKeys(useProfile, ctx, lookup) : keys ? Promise.resolve(keys) : defaultChainKeys();
    base.catch(() => (base = undefined));
    return base;
  };
  return {
    identity: JSON.stringify([role?.roleArn, role?.sessionName, role?.externalId, role?.policy, useProfile?.value]),
    role,
    async keys() {
      const b = await baseKeys();
      if (!role) return b;
      const sts = stsEndpoint(ctx);
      const key = sessionKey([
        "alibaba",
        sts.url,
        role.roleArn,
        role.sessionName,
        role.externalId,
        role.policy,
        role.durationSeconds,
        b.accessKeyId,
        b.accessKeySecret,
        b.securityToken,
      ]);
      const t = await roleSession(key, ctx, () => callAssumeRole(b, role, ctx));
      return {
        accessKeyId: t.accessKeyId,
        accessKeySecret: t.accessKeySecret,
        securityToken: t.securityToken,
        source: `role ${role.roleArn} (${roleSet!.source})`,
      };
    },
  };
}
