/**
 * Huawei Cloud credentials beyond a plain AK/SK (docs/credentials.md): a profile of the KooCLI shared config
 * (`~/.hcloud/config.json`, read as terraform-provider-huaweicloud's `shared_config_file` + `profile` read it:
 * `{ current, profiles: [{ name, mode, accessKeyId, secretAccessKey, securityToken?, region?, projectId?,
 * agencyName?, agencyDomainName? }] }`), and an IAM agency assumed with
 * `POST /v3.0/OS-CREDENTIAL/securitytokens` (`auth.identity.methods: ["assume_role"]`), signed with the base
 * AK/SK, answering `credential: { access, secret, securitytoken, expires_at }`; requests then carry
 * `X-Security-Token`. Precedence: the lookup's argument, then stack config, then the environment; within one
 * level, explicit keys before a profile (the provider's order: static, environment, shared config).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import type { LookupContext } from "../../core/context";
import { HUAWEI_DURATION, HuaweiAssumeRole, assumeRoleIssues } from "../../core/credentialArgs";
import { BackupLookupError, InvalidArgumentsError } from "../../core/errors";
import { registerSecret } from "../../core/redact";
import { retriedCall } from "../../core/retriedCall";
import { AssumeRoleError } from "../AssumeRoleError";
import { TemporaryKeys, roleSession, sessionKey } from "../roleSessions";
import { HuaweiApiError, classifyHuawei } from "./HuaweiApiError";
import { HUAWEI_HELP, resolveHuaweiKeys, resolveHuaweiRegion } from "./credentials";
import { formatSdkDate, signHuaweiRequest } from "./signer";

export const SECURITY_TOKENS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens";

type Level = 0 | 1 | 2;

interface Setting<T> {
  value: T;
  source: string;
  level: Level;
}

/** Keys to sign with: the base AK/SK, or an agency's temporary ones (with their security token). */
export interface HuaweiSigningKeys {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
  source: string;
}

export interface HuaweiAuthPlan {
  /** What distinguishes these credentials in the request cache (agency, profile; no secret). */
  identity: string;
  keys(): Promise<HuaweiSigningKeys>;
}

function homeDir(ctx: LookupContext): string {
  return ctx.env.HOME || ctx.env.USERPROFILE || os.homedir();
}

function expand(file: string, ctx: LookupContext): string {
  return file.startsWith("~") ? path.join(homeDir(ctx), file.slice(1)) : file;
}

/** The profile: named (argument, `huaweicloud:profile`, `HW_PROFILE`), or the current one of a shared config file set explicitly. */
function profileSetting(args: { profile?: string }, ctx: LookupContext): Setting<string | undefined> | undefined {
  if (args.profile) return { value: args.profile, source: "argument profile", level: 0 };
  if (ctx.config["huaweicloud:profile"]) return { value: ctx.config["huaweicloud:profile"], source: "stack config huaweicloud:profile", level: 1 };
  if (ctx.config["huaweicloud:sharedConfigFile"]) return { value: undefined, source: "stack config huaweicloud:sharedConfigFile", level: 1 };
  if (ctx.env.HW_PROFILE) return { value: ctx.env.HW_PROFILE, source: "HW_PROFILE", level: 2 };
  if (ctx.env.HW_SHARED_CONFIG_FILE) return { value: undefined, source: "HW_SHARED_CONFIG_FILE", level: 2 };
  return undefined;
}

/** The KooCLI config file: `huaweicloud:sharedConfigFile`, `HW_SHARED_CONFIG_FILE`, `~/.hcloud/config.json`. */
export function hcloudConfigFile(ctx: LookupContext): string {
  const given = ctx.config["huaweicloud:sharedConfigFile"] || ctx.env.HW_SHARED_CONFIG_FILE;
  return given ? expand(given, ctx) : path.join(homeDir(ctx), ".hcloud", "config.json");
}

interface HcloudProfile {
  name?: string;
  mode?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  securityToken?: string;
  agencyName?: string;
  agencyDomainName?: string;
}

interface ProfileKeys {
  keys: HuaweiSigningKeys;
  /** The profile's own agency (agencyName + agencyDomainName), assumed unless a role is given elsewhere. */
  agency?: HuaweiAssumeRole;
}

function readProfile(profile: Setting<string | undefined>, ctx: LookupContext, lookup: string): ProfileKeys {
  const file = hcloudConfigFile(ctx);
  const label = profile.value === undefined ? "the current profile" : JSON.stringify(profile.value);
  const fail = (reason: string) => new InvalidArgumentsError(lookup, [{ argument: "profile", reason: `${label} (from ${profile.source}): ${reason}` }]);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw fail(
      `the KooCLI config ${file} cannot be read; create the profile with \`hcloud configure init\` (and \`hcloud configure set --cli-auth-encrypt=false\`), or point huaweicloud:sharedConfigFile (HW_SHARED_CONFIG_FILE) at the file`,
    );
  }
  let conf: { current?: string; profiles?: HcloudProfile[] };
  try {
    conf = JSON.parse(text) as { current?: string; profiles?: HcloudProfile[] };
  } catch {
    throw fail(`${file} is not valid JSON`);
  }
  const name = profile.value ?? conf?.current;
  const profiles = Array.isArray(conf?.profiles) ? conf.profiles : [];
  const p = profiles.find((x) => x && x.name === name);
  if (!p) {
    const names = profiles.map((x) => x?.name).filter((n): n is string => typeof n === "string");
    throw fail(`no such profile in ${file} (${names.length ? `profiles there: ${names.join(", ")}` : "it has no profiles"})`);
  }
  if (p.mode !== undefined && p.mode !== "AKSK")
    throw fail(`the profile's mode is ${p.mode}; only AKSK profiles can be read (their accessKeyId / secretAccessKey)`);
  if (!p.accessKeyId || !p.secretAccessKey)
    throw fail(`the profile has no accessKeyId / secretAccessKey (KooCLI encrypts them unless \`hcloud configure set --cli-auth-encrypt=false\`)`);
  [p.accessKeyId, p.secretAccessKey, p.securityToken].forEach(registerSecret);
  const agency = p.agencyName && p.agencyDomainName ? { agencyName: p.agencyName, domainName: p.agencyDomainName } : undefined;
  return { keys: { accessKey: p.accessKeyId, secretKey: p.secretAccessKey, securityToken: p.securityToken || undefined, source: `profile ${name}` }, agency };
}

function roleSetting(args: { assumeRole?: HuaweiAssumeRole }, ctx: LookupContext, lookup: string): Setting<HuaweiAssumeRole> | undefined {
  if (args.assumeRole) return { value: args.assumeRole, source: "argument assumeRole", level: 0 };
  const fail = (source: string, issues: { argument: string; reason: string }[]) =>
    new InvalidArgumentsError(
      lookup,
      issues.map((i) => ({
        argument: "assumeRole",
        reason: `(from ${source}) ${i.argument.replace(/^[^.]*\.?/, "")}${i.argument.includes(".") ? ": " : ""}${i.reason}`,
      })),
    );
  const text = ctx.config["huaweicloud:assumeRole"];
  if (text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new InvalidArgumentsError(lookup, [
        { argument: "assumeRole", reason: "(from stack config huaweicloud:assumeRole) must be a JSON object { agencyName, domainName }" },
      ]);
    }
    const { duration, ...rest } = parsed as Record<string, unknown>;
    const role: Record<string, unknown> = { ...rest };
    if (duration !== undefined) role.durationSeconds = Number(duration);
    const issues = assumeRoleIssues(role);
    if (role.roleArn !== undefined)
      issues.push({ argument: "assumeRole", reason: "names an Alibaba Cloud RAM role; huaweicloud:assumeRole takes { agencyName, domainName }" });
    if (issues.length) throw fail("stack config huaweicloud:assumeRole", issues);
    return { value: role as unknown as HuaweiAssumeRole, source: "stack config huaweicloud:assumeRole", level: 1 };
  }
  const e = ctx.env;
  if (!e.HW_ASSUME_ROLE_AGENCY_NAME && !e.HW_ASSUME_ROLE_DOMAIN_NAME) return undefined;
  const role: Record<string, unknown> = { agencyName: e.HW_ASSUME_ROLE_AGENCY_NAME, domainName: e.HW_ASSUME_ROLE_DOMAIN_NAME };
  if (e.HW_ASSUME_ROLE_DURATION) role.durationSeconds = Number(e.HW_ASSUME_ROLE_DURATION);
  const issues = assumeRoleIssues(role);
  if (issues.length) throw fail("HW_ASSUME_ROLE_AGENCY_NAME / HW_ASSUME_ROLE_DOMAIN_NAME", issues);
  return { value: role as unknown as HuaweiAssumeRole, source: "HW_ASSUME_ROLE_AGENCY_NAME", level: 2 };
}

/** The IAM endpoint: `huaweicloud:authUrl` / `HW_AUTH_URL` (its origin), else `iam.<region>.myhuaweicloud.com`. */
export function iamEndpoint(ctx: LookupContext, region: string | undefined): URL {
  const given = ctx.config["huaweicloud:authUrl"] || ctx.env.HW_AUTH_URL;
  if (given) {
    const where = ctx.config["huaweicloud:authUrl"] ? "stack config huaweicloud:authUrl" : "HW_AUTH_URL";
    let u: URL;
    try {
      u = new URL(given);
    } catch {
      throw new BackupLookupError(`${where} must be a URL such as "https://iam.cn-north-4.myhuaweicloud.com/v3", got ${JSON.stringify(given)}`, 2);
    }
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(u.hostname);
    if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password || (u.protocol === "http:" && !loopback)) {
      throw new BackupLookupError(
        `${where} must be an https URL (plain http only for loopback hosts, no user info), got ${JSON.stringify(`${u.protocol}//${u.host}`)}`,
        2,
      );
    }
    return new URL(`${u.protocol}//${u.host}`);
  }
  return new URL(region ? `https://iam.${region}.myhuaweicloud.com` : "https://iam.myhuaweicloud.com");
}

/** An IAM refusal reworded to name the agency and say what to do; a bad base AK/SK keeps its own hint. */
function refusedAgency(err: HuaweiApiError, role: HuaweiAssumeRole, endpoint: string): HuaweiApiError | AssumeRoleError {
  const agency = `${role.domainName}/${role.agencyName}`;
  const details = {
    code: err.code,
    requestId: err.requestId,
    httpStatus: err.httpStatus,
    kind: err.kind,
    action: "CreateTemporaryAccessKeyByAgency",
    endpoint,
  };
  const cloud = err.detail ? `: ${err.detail}` : "";
  if (err.httpStatus === 403) {
    return new AssumeRoleError(
      "huawei",
      agency,
      details,
      `the agency ${role.agencyName} of account ${role.domainName} refused to be assumed by these credentials${cloud}`,
      `the account ${role.domainName} must delegate the agency ${role.agencyName} to the caller's account, and the caller needs the IAM permission iam:tokens:assume (the Agent Operator role) in its own account`,
    );
  }
  if (err.httpStatus === 404 || (err.httpStatus === 400 && err.kind === "client")) {
    return new AssumeRoleError(
      "huawei",
      agency,
      details,
      `could not assume the agency ${role.agencyName} of account ${role.domainName}${cloud}`,
      "check assumeRole.agencyName and assumeRole.domainName (IAM console > Agencies of that account)",
    );
  }
  return err;
}

/** One IAM securitytokens request with `base`; the temporary keys, or an error naming the agency. */
async function createTemporaryKeys(
  base: HuaweiSigningKeys,
  role: HuaweiAssumeRole & { durationSeconds: number },
  iam: URL,
  ctx: LookupContext,
): Promise<TemporaryKeys> {
  const url = new URL(SECURITY_TOKENS_PATH, iam);
  const endpoint = `${iam.protocol}//${iam.host}`;
  const action = "CreateTemporaryAccessKeyByAgency";
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ["assume_role"],
        assume_role: { agency_name: role.agencyName, domain_name: role.domainName, duration_seconds: role.durationSeconds },
      },
    },
  });
  ctx.log.debug(`${action}: assuming agency ${role.domainName}/${role.agencyName} with the keys of ${base.source}`);
  return retriedCall(
    ctx,
    { action, host: url.host, cacheKey: "", fresh: true },
    {
      prepare: () => {
        const headers: Record<string, string> = { "Content-Type": "application/json;charset=UTF-8", "User-Agent": "pulumi-backup-lookups" };
        if (base.securityToken) headers["X-Security-Token"] = base.securityToken;
        return signHuaweiRequest({
          method: "POST",
          url,
          headers,
          body,
          accessKey: base.accessKey,
          secretKey: base.secretKey,
          sdkDate: formatSdkDate(ctx.clock.now()),
        });
      },
      send: async (headers) => {
        const res = await post(url, headers, body, ctx.requestTimeoutMs, action, endpoint);
        let parsed: Record<string, unknown> | undefined;
        try {
          const p: unknown = JSON.parse(res.text);
          if (p && typeof p === "object" && !Array.isArray(p)) parsed = p as Record<string, unknown>;
        } catch {
          parsed = undefined;
        }
        if (res.status >= 200 && res.status < 300) {
          const c = parsed?.credential as Record<string, unknown> | undefined;
          const expires = typeof c?.expires_at === "string" ? Date.parse(c.expires_at) : NaN;
          if (!c || typeof c.access !== "string" || typeof c.secret !== "string" || typeof c.securitytoken !== "string" || Number.isNaN(expires)) {
            throw new HuaweiApiError(
              { code: "MalformedResponse", httpStatus: res.status, requestId: res.requestId, kind: "response", action, endpoint },
              "the answer holds no complete credential (access, secret, securitytoken, expires_at)",
            );
          }
          [c.access, c.secret, c.securitytoken].forEach((v) => registerSecret(v));
          return { accessKeyId: c.access, accessKeySecret: c.secret, securityToken: c.securitytoken, expiresAtMs: expires };
        }
        // IAM answers {"error": {"code", "message", "title"}}; the gateway {"error_code", "error_msg"}.
        const inner = parsed?.error && typeof parsed.error === "object" ? (parsed.error as Record<string, unknown>) : undefined;
        const code = typeof parsed?.error_code === "string" ? parsed.error_code : typeof inner?.title === "string" ? inner.title : `HTTP${res.status}`;
        const message = typeof parsed?.error_msg === "string" ? parsed.error_msg : typeof inner?.message === "string" ? inner.message : "";
        const requestId = res.requestId ?? (typeof parsed?.request_id === "string" ? parsed.request_id : undefined);
        const err = new HuaweiApiError({ code, httpStatus: res.status, requestId, kind: classifyHuawei(res.status, code), action, endpoint }, message);
        throw refusedAgency(err, role, endpoint);
      },
    },
  );
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  action: string,
  endpoint: string,
): Promise<{ status: number; text: string; requestId?: string }> {
  const lib = url.protocol === "http:" ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () =>
        reject(new HuaweiApiError({ code: "ECONNRESET", kind: "network", action, endpoint }, "the connection broke while reading the response")),
      );
      res.on("end", () => {
        const rid = res.headers["x-request-id"];
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), requestId: typeof rid === "string" ? rid : undefined });
      });
    });
    req.on("timeout", () => {
      req.destroy();
      reject(new HuaweiApiError({ code: "RequestTimeout", kind: "timeout", action, endpoint }, "no response within the request timeout"));
    });
    req.on("error", (err: NodeJS.ErrnoException) =>
      reject(
        new HuaweiApiError(
          { code: typeof err.code === "string" ? err.code : "NetworkError", kind: "network", action, endpoint },
          `network error talking to ${endpoint}`,
        ),
      ),
    );
    req.end(body);
  });
}

/**
 * How to get a lookup's Huawei credentials when a profile or an agency is in effect; `undefined` for the plain
 * AK/SK (HuaweiClient's own path). Throws InvalidArgumentsError for a bad setting (exit 2), before any request.
 */
export function huaweiAuthPlan(
  args: { assumeRole?: HuaweiAssumeRole; profile?: string; region?: string },
  ctx: LookupContext,
  lookup: string,
): HuaweiAuthPlan | undefined {
  const roleSet = roleSetting(args, ctx, lookup);
  const profile = profileSetting(args, ctx);
  const keys = resolveHuaweiKeys(ctx);
  const keysLevel: Level | undefined = keys ? (keys.source.startsWith("stack config") ? 1 : 2) : undefined;
  const useProfile = profile && (keysLevel === undefined || profile.level < keysLevel) ? profile : undefined;
  const fromProfile = useProfile ? readProfile(useProfile, ctx, lookup) : undefined;
  // A profile's own agency applies unless a role of higher or equal precedence is given.
  const role = roleSet && (!fromProfile?.agency || roleSet.level <= useProfile!.level) ? roleSet.value : fromProfile?.agency;
  if (!role && !fromProfile) return undefined;
  const base: HuaweiSigningKeys | undefined =
    fromProfile?.keys ?? (keys ? { accessKey: keys.accessKey, secretKey: keys.secretKey, source: keys.source } : undefined);
  if (!base) {
    throw new HuaweiApiError({ code: "MissingCredentials", kind: "auth", action: "CreateTemporaryAccessKeyByAgency" }, HUAWEI_HELP.noCredentials);
  }
  const iam = role ? iamEndpoint(ctx, resolveHuaweiRegion(args.region, ctx)) : undefined;
  const full = role ? { ...role, durationSeconds: role.durationSeconds ?? HUAWEI_DURATION.default } : undefined;
  return {
    identity: JSON.stringify([full?.domainName, full?.agencyName, useProfile?.value ?? (useProfile ? "(current)" : undefined)]),
    async keys() {
      if (!full) return base;
      const key = sessionKey([
        "huawei",
        iam!.toString(),
        full.domainName,
        full.agencyName,
        full.durationSeconds,
        base.accessKey,
        base.secretKey,
        base.securityToken,
      ]);
      const t = await roleSession(key, ctx, () => createTemporaryKeys(base, full, iam!, ctx));
      return { accessKey: t.accessKeyId, secretKey: t.accessKeySecret, securityToken: t.securityToken, source: `agency ${full.domainName}/${full.agencyName}` };
    },
  };
}
