/**
 * The two arguments that choose *whose* credentials a lookup uses, never the credentials themselves
 * (docs/credentials.md): `assumeRole` (an Alibaba RAM role or a Huawei IAM agency to assume) and `profile` (a
 * profile of the cloud's CLI config file). Both are checked before any API call: the shape here (in the schema
 * every lookup shares), the cloud (`checkCredentialArgs`, when the lookup's client is made, since the common
 * schema does not know the lookup's cloud).
 *
 * No key, secret or token is ever accepted inside `assumeRole`: such a key is refused with the pointer to the
 * config keys, like a credential passed as a top-level argument.
 */
import { z } from "zod";
import { didYouMean } from "./didYouMean";
import type { ArgumentIssue } from "./errors";

/** A RAM role ARN: `acs:ram::<account uid>:role/<role name>` (role names: letters, digits, `.`, `-`, `_`; 1-64). */
export const ROLE_ARN = /^acs:ram::\d{1,32}:role\/[A-Za-z0-9._-]{1,64}$/;
const ROLE_ARN_EXAMPLE = '"acs:ram::1234567890123456:role/restore-drill"';

/** STS `RoleSessionName`: 2-64 characters, letters, digits, `.`, `@`, `-`, `_`. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
/** STS `ExternalId`: 2-1224 characters, letters, digits and `= , . @ : / - _`. */
const EXTERNAL_ID = /^[A-Za-z0-9=,.@:/_-]{2,1224}$/;
/** A Huawei agency name or account (domain) name. */
const HUAWEI_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** A CLI profile name. */
const PROFILE_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** STS `DurationSeconds`: 900 s up to the role's maximum session duration, at most 43200 s (12 h). */
export const ALIBABA_DURATION = { min: 900, max: 43_200, default: 3600 } as const;
/** IAM `duration_seconds` of an agency's temporary keys: 15 minutes to 24 hours. */
export const HUAWEI_DURATION = { min: 900, max: 86_400, default: 3600 } as const;

export const ALIBABA_ROLE_KEYS = ["roleArn", "sessionName", "externalId", "durationSeconds", "policy"] as const;
export const HUAWEI_ROLE_KEYS = ["agencyName", "domainName", "durationSeconds"] as const;
const ALL_KEYS = [...new Set<string>([...ALIBABA_ROLE_KEYS, ...HUAWEI_ROLE_KEYS])];

/** Keys that would be a credential: refused wherever they appear. */
const SECRET_KEY =
  /^(access_?key(_?id)?|secret(_?(access_?)?key)?|access_?key_?secret|security_?token|sts_?token|token|password|ak|sk|credentials?|access|secret)$/i;

/** What users write in the official providers' config that has another name here. */
const RENAMED: Record<string, string> = {
  sessionExpiration: "durationSeconds (the stack config alicloud:assumeRole calls it sessionExpiration)",
  role_arn: "roleArn",
  session_name: "sessionName",
  external_id: "externalId",
  agency_name: "agencyName",
  domain_name: "domainName",
  duration_seconds: "durationSeconds",
  roleSessionName: "sessionName",
};

export interface AlibabaAssumeRole {
  roleArn: string;
  sessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  policy?: string;
}

export interface HuaweiAssumeRole {
  agencyName: string;
  domainName: string;
  durationSeconds?: number;
}

export type AssumeRoleArg = Partial<AlibabaAssumeRole> & Partial<HuaweiAssumeRole>;

const ALIBABA_SHAPE = "{ roleArn, sessionName?, externalId?, durationSeconds?, policy? }";
const HUAWEI_SHAPE = "{ agencyName, domainName, durationSeconds? }";

/** Issues of an `assumeRole` value whatever the cloud (`at` is the argument's name, for the issue paths). */
export function assumeRoleIssues(value: unknown, at = "assumeRole"): ArgumentIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [
      {
        argument: at,
        reason: `must be an object, Alibaba Cloud ${ALIBABA_SHAPE} or Huawei Cloud ${HUAWEI_SHAPE}, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
      },
    ];
  }
  const v = value as Record<string, unknown>;
  const out: ArgumentIssue[] = [];
  for (const key of Object.keys(v)) {
    if (ALL_KEYS.includes(key)) continue;
    if (SECRET_KEY.test(key)) {
      out.push({
        argument: `${at}.${key}`,
        reason:
          "credentials are never arguments, not even inside assumeRole: the role is assumed with the credentials of the stack config or the environment (docs/credentials.md)",
      });
    } else if (RENAMED[key]) {
      out.push({ argument: `${at}.${key}`, reason: `unknown key; use ${RENAMED[key]}` });
    } else {
      const guess = didYouMean(key, ALL_KEYS);
      out.push({
        argument: `${at}.${key}`,
        reason: `unknown key${guess ? `; did you mean ${guess}?` : ""} (allowed: Alibaba Cloud ${ALIBABA_SHAPE}, Huawei Cloud ${HUAWEI_SHAPE})`,
      });
    }
  }
  const str = (key: string, re: RegExp, what: string) => {
    if (v[key] === undefined) return;
    if (typeof v[key] !== "string") out.push({ argument: `${at}.${key}`, reason: `must be a string (${what}), got ${typeof v[key]}` });
    else if (!re.test(v[key])) out.push({ argument: `${at}.${key}`, reason: `must be ${what}, got ${JSON.stringify(v[key])}` });
  };
  str("roleArn", ROLE_ARN, `a RAM role ARN acs:ram::<account id>:role/<role name> such as ${ROLE_ARN_EXAMPLE}`);
  str("sessionName", SESSION_NAME, "2-64 letters, digits or . @ - _");
  str("externalId", EXTERNAL_ID, "2-1224 letters, digits or = , . @ : / - _");
  str("agencyName", HUAWEI_NAME, "an IAM agency name (1-64 letters, digits or . - _)");
  str("domainName", HUAWEI_NAME, "the account (domain) name that created the agency (1-64 letters, digits or . - _)");
  if (v.policy !== undefined) {
    let ok = typeof v.policy === "string" && v.policy.length <= 2048;
    if (ok) {
      try {
        const p: unknown = JSON.parse(v.policy as string);
        ok = !!p && typeof p === "object" && !Array.isArray(p);
      } catch {
        ok = false;
      }
    }
    if (!ok)
      out.push({
        argument: `${at}.policy`,
        reason: 'must be a RAM policy document as a JSON string (at most 2048 characters), such as \'{"Version":"1","Statement":[...]}\'',
      });
  }
  if (v.durationSeconds !== undefined) {
    const d = v.durationSeconds;
    const huawei = v.agencyName !== undefined || v.domainName !== undefined;
    const range = huawei ? HUAWEI_DURATION : ALIBABA_DURATION;
    if (typeof d !== "number" || !Number.isInteger(d) || d < range.min || d > range.max) {
      out.push({ argument: `${at}.durationSeconds`, reason: `must be a whole number of seconds from ${range.min} to ${range.max}, got ${JSON.stringify(d)}` });
    }
  }
  const alibaba = ALIBABA_ROLE_KEYS.filter((k) => k !== "durationSeconds" && v[k] !== undefined);
  const huawei = HUAWEI_ROLE_KEYS.filter((k) => k !== "durationSeconds" && v[k] !== undefined);
  if (alibaba.length && huawei.length) {
    out.push({
      argument: at,
      reason: `mixes Alibaba Cloud keys (${alibaba.join(", ")}) with Huawei Cloud keys (${huawei.join(", ")}): give Alibaba Cloud ${ALIBABA_SHAPE} or Huawei Cloud ${HUAWEI_SHAPE}`,
    });
  } else if (alibaba.length && v.roleArn === undefined) {
    out.push({ argument: `${at}.roleArn`, reason: `is required (the RAM role to assume, such as ${ROLE_ARN_EXAMPLE})` });
  } else if (huawei.length) {
    if (v.agencyName === undefined) out.push({ argument: `${at}.agencyName`, reason: "is required (the IAM agency to assume)" });
    if (v.domainName === undefined) out.push({ argument: `${at}.domainName`, reason: "is required (the account (domain) name that created the agency)" });
  } else if (!alibaba.length && !huawei.length && out.length === 0) {
    out.push({ argument: at, reason: `names no role: give Alibaba Cloud ${ALIBABA_SHAPE} or Huawei Cloud ${HUAWEI_SHAPE}` });
  }
  return out;
}

/** The `assumeRole` argument: an object, checked by `assumeRoleIssues` (zod's `object` type, so the CLI takes JSON). */
export const assumeRoleArg = z.looseObject({}).superRefine((value, ctx) => {
  for (const issue of assumeRoleIssues(value)) {
    const path = issue.argument.split(".").slice(1);
    ctx.addIssue({ code: "custom", path, message: issue.reason });
  }
}) as unknown as z.ZodType<AssumeRoleArg, AssumeRoleArg>;

/** The `profile` argument: a profile name of the cloud's CLI config file. */
export const profileArg = z
  .string()
  .regex(PROFILE_NAME, { error: (iss) => `must be a profile name of the CLI config file (1-64 letters, digits or . _ @ -), got ${JSON.stringify(iss.input)}` });

/**
 * The cloud's check of `assumeRole`: an Alibaba lookup takes a RAM role, a Huawei lookup an IAM agency.
 * Returns issues for the lookup's InvalidArgumentsError (exit 2), before any request.
 */
export function checkCredentialArgs(args: { assumeRole?: unknown }, cloud: "alibaba" | "huawei"): ArgumentIssue[] {
  const role = args.assumeRole as AssumeRoleArg | undefined;
  if (!role) return [];
  if (cloud === "alibaba" && (role.agencyName !== undefined || role.domainName !== undefined) && role.roleArn === undefined) {
    return [
      { argument: "assumeRole", reason: `agencyName / domainName name a Huawei Cloud agency; an Alibaba Cloud lookup assumes a RAM role: ${ALIBABA_SHAPE}` },
    ];
  }
  if (cloud === "huawei" && role.roleArn !== undefined) {
    return [{ argument: "assumeRole", reason: `roleArn names an Alibaba Cloud RAM role; a Huawei Cloud lookup assumes an IAM agency: ${HUAWEI_SHAPE}` }];
  }
  if (cloud === "huawei" && (role.sessionName !== undefined || role.externalId !== undefined || role.policy !== undefined)) {
    return [
      { argument: "assumeRole", reason: `sessionName / externalId / policy apply to Alibaba Cloud RAM roles; a Huawei Cloud lookup takes ${HUAWEI_SHAPE}` },
    ];
  }
  return [];
}
