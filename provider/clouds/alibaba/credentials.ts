/**
 * Where Alibaba credentials and region come from (README "Credentials and configuration"): the stack
 * config keys the official provider reads, then ALIBABA_CLOUD_* and ALICLOUD_* environment variables, and
 * otherwise the official default chain of `@alicloud/credentials` (profile file, ECS RAM role, OIDC).
 * Every value found is registered with the redactor before it is used.
 */
import type { LookupContext } from "../../core/context";
import { CREDENTIALS_NOT_ARGUMENTS } from "../../core/args";
import { registerSecret } from "../../core/redact";

export interface AlibabaKeys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Where they came from, for `--debug` (never the values). */
  source: string;
}

type Source = { name: string; get(key: "id" | "secret" | "token"): string | undefined };

function sources(ctx: LookupContext): Source[] {
  const c = ctx.config;
  const e = ctx.env;
  return [
    { name: "stack config alicloud:*", get: (k) => ({ id: c["alicloud:accessKey"], secret: c["alicloud:secretKey"], token: c["alicloud:securityToken"] })[k] },
    {
      name: "ALIBABA_CLOUD_* environment",
      get: (k) => ({ id: e.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: e.ALIBABA_CLOUD_ACCESS_KEY_SECRET, token: e.ALIBABA_CLOUD_SECURITY_TOKEN })[k],
    },
    { name: "ALICLOUD_* environment", get: (k) => ({ id: e.ALICLOUD_ACCESS_KEY, secret: e.ALICLOUD_SECRET_KEY, token: e.ALICLOUD_SECURITY_TOKEN })[k] },
  ];
}

/** The first source holding both an access key id and a secret; `undefined` means "use the default chain". */
export function resolveAlibabaKeys(ctx: LookupContext): AlibabaKeys | undefined {
  for (const s of sources(ctx)) {
    const id = s.get("id");
    const secret = s.get("secret");
    if (id && secret) {
      const token = s.get("token") || undefined;
      [id, secret, token].forEach(registerSecret);
      return { accessKeyId: id, accessKeySecret: secret, securityToken: token, source: s.name };
    }
  }
  return undefined;
}

/** Region: the lookup's `region` argument, then `alicloud:region`, then the environment. */
export function resolveAlibabaRegion(argument: string | undefined, ctx: LookupContext): string | undefined {
  return argument || ctx.config["alicloud:region"] || ctx.env.ALIBABA_CLOUD_REGION_ID || ctx.env.ALICLOUD_REGION || undefined;
}

/**
 * What to tell a user about Alibaba credentials and region, worded for where they are: a Pulumi program
 * (arguments, stack config, environment) or the `backup-lookup` command (flags, environment; it reads no stack
 * config). Each place that raises one picks the lookup context's audience (`ALIBABA_HELP.noRegion[audienceOf(ctx)]`,
 * provider/core/context.ts); a cloud error carries the pair and is worded where it passes a context
 * (provider/core/errors.ts `Worded`). test/cli.test.ts asserts the command's messages.
 */
export const ALIBABA_HELP = {
  credentialsNotArguments: CREDENTIALS_NOT_ARGUMENTS.alibaba,
  noRegion: {
    pulumi: "no region: pass region, or set alicloud:region in stack config, or ALIBABA_CLOUD_REGION_ID in the environment",
    cli: "no region: pass --region, or set ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION) in the environment",
  },
  noCredentials: {
    pulumi: "no Alibaba Cloud credentials were found (stack config, environment, profile file, ECS RAM role)",
    cli: "no Alibaba Cloud credentials were found (environment, profile file, ECS RAM role)",
  },
  checkKeys: {
    pulumi: "check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token",
    cli: "check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) and ALIBABA_CLOUD_SECURITY_TOKEN in the environment",
  },
} as const;
