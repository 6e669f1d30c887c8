/**
 * Argument validation shared by the five lookups: the common arguments (README "Arguments and outputs"), id shapes per cloud,
 * and the translation of zod issues into `ArgumentIssue`s whose messages name the argument, say what was
 * wrong and what is allowed. Everything here runs before any API call.
 */
import type { Audience } from "./context";
import { z } from "zod";
import { MAX_CLOCK_SKEW_MS } from "./apiClock";
import type { ArgumentIssue } from "./errors";
import { didYouMean } from "./didYouMean";
import { parseDuration, parseIsoInstant } from "./time";
import { AnyLookup, ArgSpecs, CommonParsed, arg } from "./declaration";
import { assumeRoleArg, profileArg } from "./credentialArgs";

const DURATION_HELP = 'a duration such as "36h", "7d" or "2w" (units s, m, h, d, w)';
const INSTANT_HELP = 'an ISO-8601 instant such as "2026-11-01T00:00:00Z" or a duration back from now such as "7d"';

export const durationArg = z.string().refine((v) => parseDuration(v) !== undefined, {
  error: (iss) => `must be ${DURATION_HELP}, got ${JSON.stringify(iss.input)}`,
});

export const instantArg = z.string().refine((v) => parseDuration(v) !== undefined || parseIsoInstant(v) !== undefined, {
  error: (iss) => `must be ${INSTANT_HELP}, got ${JSON.stringify(iss.input)}`,
});

export const nonEmpty = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `must not be empty (${what})` });

/** Region ids: `cn-hangzhou`, `ap-southeast-1`, `cn-north-4`. */
export const regionArg = z
  .string()
  .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { error: (iss) => `must be a region id such as "cn-hangzhou" or "cn-north-4", got ${JSON.stringify(iss.input)}` });

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `endpoint`: an absolute https URL, or http for loopback hosts (the emulator, a local proxy) unless
 * `allowInsecureEndpoint` is true. Checked in `commonRefinements` because it depends on two arguments.
 */
export const endpointArg = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && u.hostname !== "";
    } catch {
      return false;
    }
  },
  {
    error: (iss) => {
      const text = String(iss.input);
      const shown = withoutUserinfo(text);
      return shown === text
        ? `must be an absolute http(s) URL without credentials, such as "https://rds-vpc.cn-hangzhou.aliyuncs.com", got ${JSON.stringify(text)}`
        : `must not carry user info (user:password@): credentials never go in the endpoint URL; got ${JSON.stringify(shown)}`;
    },
  },
);

/** `text` with anything before an `@` in its authority replaced by `***`: an endpoint message never echoes user info. */
function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ""}***@`);
}

/** The arguments every lookup takes (docs/reference.md). */
export const commonArgSpecs = {
  region: arg(regionArg.optional(), "Region id (`cn-hangzhou`, `cn-north-4`); default: stack config, then the environment.", {
    cli: "Region id (`cn-hangzhou`, `cn-north-4`); default: the environment (below).",
  }),
  endpoint: arg(
    endpointArg.optional(),
    "An https URL overriding the public endpoint: a VPC endpoint or a proxy; plain `http://` only for loopback hosts unless `allowInsecureEndpoint` is true.",
  ),
  allowInsecureEndpoint: arg(z.boolean().optional(), "Allow a plain `http://` endpoint on a non-loopback host (signed requests sent unencrypted)."),
  // Whose credentials: a role to assume, a CLI profile (never credentials; provider/core/credentialArgs.ts).
  assumeRole: arg(
    assumeRoleArg.optional(),
    "Assume a role before the lookup: Alibaba Cloud `{ roleArn, sessionName?, externalId?, durationSeconds?, policy? }` (a RAM role), Huawei Cloud `{ agencyName, domainName, durationSeconds? }` (an IAM agency); never keys. Default: stack config `alicloud:assumeRole` / `huaweicloud:assumeRole`, then the environment (docs/credentials.md).",
    {
      type: "{ roleArn: string; sessionName?: string; externalId?: string; durationSeconds?: number; policy?: string } | { agencyName: string; domainName: string; durationSeconds?: number }",
      cli: 'Assume a role before the lookup, as JSON: `{"roleArn":"acs:ram::<uid>:role/<name>"}` (Alibaba Cloud) or `{"agencyName":"...","domainName":"..."}` (Huawei Cloud); default: the environment (docs/credentials.md).',
    },
  ),
  profile: arg(
    profileArg.optional(),
    "A profile of the cloud's CLI config file (`~/.aliyun/config.json`, `~/.hcloud/config.json`) whose keys to use. Default: stack config `alicloud:profile` / `huaweicloud:profile`, then the environment (docs/credentials.md).",
    { cli: "A profile of the cloud's CLI config file (`~/.aliyun/config.json`, `~/.hcloud/config.json`); default: the environment (docs/credentials.md)." },
  ),
} satisfies ArgSpecs;

/** The time arguments of every lookup whose records have times. */
export const timeArgSpecs = {
  since: arg(instantArg.optional(), "Only backups started at or after this: an ISO-8601 instant with a zone, or a duration back from now (`7d`)."),
  until: arg(instantArg.optional(), "Only backups started before this: an ISO-8601 instant with a zone, or a duration back from now."),
  maxAge: arg(durationArg.optional(), "Fail when the chosen backup ended longer ago than this duration (`36h`, `7d`, `2w`), measured on the API's clock."),
} satisfies ArgSpecs;

/** The argument only the resource form takes. */
export const resourceArgSpecs = {
  refresh: arg(
    z.enum(["pin", "always"]).optional(),
    '`"pin"` (default): keep the backup resolved at creation on later deployments and report the newest in `latestBackupId`; `"always"`: resolve again on every deployment (a change only when the choice changed).',
  ),
} satisfies ArgSpecs;

/** The common arguments a lookup takes in a form (no times for an untimed lookup; `refresh` for the resource). */
export function commonArgsFor(def: Pick<AnyLookup, "timed">, form: "resource" | "function" | "cli"): ArgSpecs {
  const { assumeRole, profile, ...where } = commonArgSpecs;
  return { ...where, ...(def.timed ? timeArgSpecs : {}), assumeRole, profile, ...(form === "resource" ? resourceArgSpecs : {}) };
}

export type CommonArgs = CommonParsed;

/** Cross-argument rules every lookup shares: `since` before `until`, plain http only to loopback. */
export function checkCommon(args: CommonArgs, now: Date, ctx: z.RefinementCtx): void {
  if (args.endpoint) {
    try {
      const u = new URL(args.endpoint);
      if (u.protocol === "http:" && !LOOPBACK.test(u.hostname) && !args.allowInsecureEndpoint) {
        ctx.addIssue({
          code: "custom",
          path: ["endpoint"],
          message: `plain http is allowed only for loopback hosts (127.0.0.1, localhost, [::1]); use https, or set allowInsecureEndpoint: true to send signed requests to ${u.host} unencrypted`,
        });
      }
    } catch {
      /* reported by endpointArg */
    }
  }
  const since = args.since ? resolveInstant(args.since, now) : undefined;
  const until = args.until ? resolveInstant(args.until, now) : undefined;
  if (since && until && since.getTime() >= until.getTime()) {
    ctx.addIssue({ code: "custom", path: ["since"], message: `must be earlier than until (since ${args.since}, until ${args.until})` });
  }
  // The API's clock may be up to 15 min ahead of the runner's (apiClock.ts): a since that is "now" by the API's clock is not refused.
  if (since && since.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    ctx.addIssue({ code: "custom", path: ["since"], message: `must not be in the future (got ${args.since})` });
  }
}

function resolveInstant(text: string, now: Date): Date | undefined {
  const d = parseDuration(text);
  return d !== undefined ? new Date(now.getTime() - d) : parseIsoInstant(text);
}

/**
 * A numeric id given as a digit string or a number (KVStore `backupId`, RDS task `backupJobId`), carried as a
 * string. Any number is turned into its text first, so -1 or 1.5 fail the digits check with `example`'s message.
 */
export function numericIdArg(maxDigits: number, what: string, example: string) {
  return z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(new RegExp(`^\\d{1,${maxDigits}}$`), { error: (i) => `must be ${what} (${example}), got ${JSON.stringify(i.input)}` }));
}

// -------------------------------------------------------------------------------------------------------
// Instance id shapes, so a Redis id passed to an RDS lookup fails before any request, with a pointer.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALI_ID = /^[a-z][a-z0-9]*-[a-z0-9]{4,}$/;

export function rdsInstanceId() {
  return z.string().superRefine((v, ctx) => {
    if (v.trim() === "") return void ctx.addIssue({ code: "custom", message: 'must not be empty (an RDS instance id such as "rm-uf6wjk5xxxxxxx")' });
    if (UUID.test(v))
      return void ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is a Huawei Cloud id; use huaweicloud.dcs.BackupSet for DCS instances` });
    if (/^r-/.test(v))
      return void ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is a Redis/Tair (KVStore) instance id; use alicloud.kvstore.BackupSet` });
    if (!ALI_ID.test(v) && !/^rds[a-z0-9]{6,}$/.test(v))
      ctx.addIssue({ code: "custom", message: `must be an RDS instance id such as "rm-uf6wjk5xxxxxxx" or "pgm-bp1xxxxxxx", got ${JSON.stringify(v)}` });
  });
}

export function kvstoreInstanceId() {
  return z.string().superRefine((v, ctx) => {
    if (v.trim() === "") return void ctx.addIssue({ code: "custom", message: 'must not be empty (a Redis/Tair instance id such as "r-bp1zxszhcgatnxxxxx")' });
    if (UUID.test(v))
      return void ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is a Huawei Cloud id; use huaweicloud.dcs.BackupSet for DCS instances` });
    if (/^(rm|pgm)-/.test(v)) return void ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is an RDS instance id; use alicloud.rds.BackupSet` });
    if (!ALI_ID.test(v)) ctx.addIssue({ code: "custom", message: `must be a Redis/Tair instance id such as "r-bp1zxszhcgatnxxxxx", got ${JSON.stringify(v)}` });
  });
}

export function dcsInstanceId() {
  return z.string().superRefine((v, ctx) => {
    if (v.trim() === "") return void ctx.addIssue({ code: "custom", message: "must not be empty (a DCS instance id, a UUID)" });
    if (ALI_ID.test(v))
      return void ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(v)} is an Alibaba Cloud id; DCS instance ids are UUIDs such as "5560df16-cebf-4473-95c4-d1b573c16e79"`,
      });
    if (!UUID.test(v))
      ctx.addIssue({ code: "custom", message: `must be a DCS instance id (a UUID such as "5560df16-cebf-4473-95c4-d1b573c16e79"), got ${JSON.stringify(v)}` });
  });
}

// -------------------------------------------------------------------------------------------------------
// Issues as data.

/** Argument names users try for credentials; refused with a pointer to the config keys. */
export const CREDENTIAL_ARGS = /^(access_?key(_?id)?|secret(_?key)?|access_?key_?secret|security_?token|sts_?token|token|password|ak|sk|credentials?)$/i;

/**
 * Why a credential is refused as an argument, worded for each audience (context.ts `Audience`). Kept here, in
 * the core that refuses it; the clouds' help tables (ALIBABA_HELP, HUAWEI_HELP) hold the same pair.
 */
export const CREDENTIALS_NOT_ARGUMENTS = {
  alibaba: {
    pulumi:
      "credentials are never lookup arguments (they would be stored in Pulumi state): set alicloud:accessKey / alicloud:secretKey (--secret) in stack config, or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment",
    cli: "credentials are never flags or --args keys (they would land in shell history and CI logs): set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment",
  },
  huawei: {
    pulumi:
      "credentials are never lookup arguments (they would be stored in Pulumi state): set huaweicloud:accessKey / huaweicloud:secretKey (--secret) in stack config, or HW_ACCESS_KEY / HW_SECRET_KEY in the environment",
    cli: "credentials are never flags or --args keys (they would land in shell history and CI logs): set HW_ACCESS_KEY / HW_SECRET_KEY in the environment",
  },
} as const;

export function credentialHint(cloud: "alibaba" | "huawei", audience: Audience = "pulumi"): string {
  return CREDENTIALS_NOT_ARGUMENTS[cloud][audience];
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const p of path) cur = cur && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[p] : undefined;
  return cur;
}

/** zod issues -> `ArgumentIssue`s with messages a user can act on. */
export function toArgumentIssues(
  issues: z.core.$ZodIssue[],
  input: unknown,
  known: string[],
  cloud: "alibaba" | "huawei",
  audience: Audience = "pulumi",
): ArgumentIssue[] {
  const out: ArgumentIssue[] = [];
  for (const issue of issues) {
    const argument = issue.path.map(String).join(".");
    const got = valueAt(input, issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          if (CREDENTIAL_ARGS.test(key)) {
            out.push({ argument: key, reason: credentialHint(cloud, audience), code: "credentialArgument" });
            continue;
          }
          const guess = didYouMean(key, known);
          out.push({ argument: key, reason: `unknown argument${guess ? `; did you mean ${guess}?` : ""} (allowed: ${known.join(", ")})` });
        }
        break;
      case "invalid_type":
        if (argument === "") out.push({ argument: "", reason: `arguments must be an object, got ${typeOf(got)}` });
        else if (got === undefined) out.push({ argument, reason: `is required` });
        else if (issue.expected === "int") out.push({ argument, reason: `must be a whole number, got ${JSON.stringify(got)}` });
        else
          out.push({
            argument,
            reason: `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}, got ${typeOf(got)} ${JSON.stringify(got)}`,
          });
        break;
      case "invalid_key":
        // A record key that failed its own check (`tags` keys): report that check's message, not zod's generic one.
        out.push({ argument, reason: issue.issues.map((i) => i.message).join("; ") || issue.message });
        break;
      case "invalid_value":
        out.push({ argument, reason: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(got)}` });
        break;
      default:
        out.push({ argument, reason: issue.message });
    }
  }
  return out;
}
