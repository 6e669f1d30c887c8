/**
 * Where Huawei credentials, region and project come from (CONTRACT.md): stack config `huaweicloud:*`, then
 * HW_* and HUAWEICLOUD_SDK_* environment variables. Values are registered with the redactor before use.
 */
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
