/**
 * The `client` of a Huawei Cloud listing (listing.ts): one signed GET of `service`'s path for the lookup's
 * project, through HuaweiClient, answering the response body (undefined for HTTP 204, "no records"). A missing
 * project id or region is an argument error (exit 2), raised before any request.
 */
import { z } from "zod";
import { LookupContext, audienceOf } from "../../core/context";
import { arg } from "../../core/declaration";
import { InvalidArgumentsError } from "../../core/errors";
import type { Call } from "../../core/listing";
import { HUAWEI_HELP, resolveHuaweiProject, resolveHuaweiRegion } from "../../clouds/huawei/credentials";

export interface HuaweiTargetArgs {
  projectId?: string;
  assumeRole?: unknown;
  profile?: string;
  region?: string;
  endpoint?: string;
}

/** `permission`: the IAM action the API needs, named when it answers HTTP 403. */
export function huaweiCall<A>(service: string, permission: string, path: (args: A, projectId: string) => string) {
  return (args: A & HuaweiTargetArgs, ctx: LookupContext, lookup: string): Call => {
    const projectId = resolveHuaweiProject(args.projectId, ctx);
    const region = resolveHuaweiRegion(args.region, ctx);
    const issues = [];
    if (!projectId) issues.push({ argument: "projectId", reason: HUAWEI_HELP.noProject[audienceOf(ctx)] });
    if (!region && !args.endpoint) issues.push({ argument: "region", reason: HUAWEI_HELP.noRegion[audienceOf(ctx)] });
    if (issues.length) throw new InvalidArgumentsError(lookup, issues);
    // Loaded on first use, so a stack with only Alibaba lookups never loads the Huawei client and signer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load (test/lazyLoading.test.ts)
    const { HuaweiClient } = require("../../clouds/huawei/HuaweiClient") as typeof import("../../clouds/huawei/HuaweiClient");
    const client = new HuaweiClient(args.endpoint ?? `https://${service}.${region}.myhuaweicloud.com`, ctx, args, lookup, permission);
    const at = path(args, projectId!);
    return async (action, params, fresh) => {
      const res = await client.get(action, at, params, fresh);
      return res.status === 204 || !res.body ? undefined : res.body;
    };
  };
}

/** The `projectId` argument of a Huawei Cloud lookup. */
export const huaweiProjectIdArg = arg(
  z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: (i) => `must be a Huawei Cloud project id (32 hex characters), got ${JSON.stringify(i.input)}` })
    .optional(),
  "Project id; default `huaweicloud:projectId`, then HW_PROJECT_ID.",
  { cli: "Project id; default: the environment (below)." },
);
