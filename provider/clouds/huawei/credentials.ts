/**
 * Where Huawei credentials, region and project come from (README "Credentials and configuration"): stack config `huaweicloud:*`, then
 * HW_* and HUAWEICLOUD_SDK_* environment variables. Values are registered with the redactor before use.
 */
import { CREDENTIALS_NOT_ARGUMENTS } from "../../core/args";
import type { LookupContext } from "../../core/context";
import { registerSecret } from "../../core/redact";

export interface HuaweiKeys {
  accessKey: string;
  secretKey: string;
  source: string;
}

export function resolveHuaweiKeys(ctx: LookupContext): HuaweiKeys | undefined {
  const c = ctx.config;
  const e = ctx.env;
  const candidates: [string, string | undefined, string | undefined][] = [
    ["stack config huaweicloud:*", c["huaweicloud:accessKey"], c["huaweicloud:secretKey"]],
    ["HW_* environment", e.HW_ACCESS_KEY, e.HW_SECRET_KEY],
    ["HUAWEICLOUD_SDK_* environment", e.HUAWEICLOUD_SDK_AK, e.HUAWEICLOUD_SDK_SK],
  ];
  for (const [source, ak, sk] of candidates) {
    if (ak && sk) {
      registerSecret(ak);
      registerSecret(sk);
      return { accessKey: ak, secretKey: sk, source };
    }
  }
  return undefined;
}

export function resolveHuaweiRegion(argument: string | undefined, ctx: LookupContext): string | undefined {
  return argument || ctx.config["huaweicloud:region"] || ctx.env.HW_REGION_NAME || undefined;
}

export function resolveHuaweiProject(argument: string | undefined, ctx: LookupContext): string | undefined {
  return argument || ctx.config["huaweicloud:projectId"] || ctx.env.HW_PROJECT_ID || ctx.env.HUAWEICLOUD_SDK_PROJECT_ID || undefined;
}

/**
 * What to tell a user about Huawei credentials, region and project, worded for a Pulumi program (arguments,
 * stack config) or the `backup-lookup` command (flags, environment): see ALIBABA_HELP in
 * ../alibaba/credentials.ts for how the two wordings are used.
 */
export const HUAWEI_HELP = {
  credentialsNotArguments: CREDENTIALS_NOT_ARGUMENTS.huawei,
  noRegion: {
    pulumi: "no region: pass region, or set huaweicloud:region in stack config, or HW_REGION_NAME in the environment",
    cli: "no region: pass --region, or set HW_REGION_NAME in the environment",
  },
  noProject: {
    pulumi: "no project id: pass projectId, or set huaweicloud:projectId in stack config, or HW_PROJECT_ID in the environment",
    cli: "no project id: pass --project-id, or set HW_PROJECT_ID (or HUAWEICLOUD_SDK_PROJECT_ID) in the environment",
  },
  noCredentials: {
    pulumi: "no Huawei Cloud credentials: set huaweicloud:accessKey and huaweicloud:secretKey, or HW_ACCESS_KEY and HW_SECRET_KEY",
    cli: "no Huawei Cloud credentials: set HW_ACCESS_KEY and HW_SECRET_KEY (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK) in the environment",
  },
  checkKeys: {
    pulumi: "check huaweicloud:accessKey / huaweicloud:secretKey (or HW_ACCESS_KEY / HW_SECRET_KEY) and the project id",
    cli: "check HW_ACCESS_KEY / HW_SECRET_KEY (or HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK) and HW_PROJECT_ID in the environment",
  },
} as const;
