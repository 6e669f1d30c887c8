/**
 * `getX(args, opts?)` (Promise) and `getXOutput(args, opts?)` (Output), for programs that want a lookup without
 * a resource in state. They run in the program's process, with the program's stack config and environment. As
 * with Pulumi's own invoke outputs, the Output is secret as a whole when it carries a download URL.
 *
 * The options, and what each means for a lookup that runs in the program's process (no provider plugin):
 * - `dependsOn` (Output form): the lookup waits until those resources are created or updated (a custom resource's
 *   `id` is known; a component's children likewise), and the returned Output depends on them. While one of them
 *   is still to be created in `pulumi preview`, the Output is unknown, as Pulumi's own output invokes do
 *   (sdk/nodejs/runtime/invoke.ts `invokeAsync`, https://github.com/pulumi/pulumi/pull/17632).
 * - `parent`, `provider`, `version`, `pluginDownloadURL`, `async`: they choose or configure an engine provider
 *   plugin, and there is none to reach here, so they do not change the lookup. Credentials and region come
 *   from the stack config (`alicloud:*`, `huaweicloud:*`) and the environment, or the `region`/`endpoint`
 *   arguments; passing `provider` logs a warning saying so, since a provider's own credentials are not used.
 * - Under `pulumi.runtime.setMocks` the options go, with the arguments, to Pulumi's invoke, so `mocks.call`
 *   receives them as it would for any provider function (see mocksAreSet.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { createContext, LookupContext } from "../core/context";
import { RequestCache } from "../core/RequestCache";
import { parseArgs, runLookup } from "../core/engine";
import { AnyLookup, secretOutputs } from "../core/declaration";
import { listLookup, parseListArgs } from "../core/list";
import { CONFIG_KEYS } from "./configKeys";
import { pulumiLogger } from "./pulumiLogger";
import { functionToken, listFunctionToken } from "./functionToken";
import { mocksAreSet } from "./mocksAreSet";
import { mockFailureOf } from "./mockFailures";

/** One context per stack configuration (the Automation API can run several stacks in one process). */
const contexts = new Map<string, LookupContext>();
let injected: LookupContext | undefined;
/** Answers are shared within a deployment, not kept across the runs of a long-lived process. */
const ANSWER_TTL_MS = 60_000;

function programConfig(): Record<string, string> {
  const out: Record<string, string> = {};
  let all: Record<string, string>;
  try {
    all = pulumi.runtime.allConfig();
  } catch {
    all = {};
  }
  for (const k of CONFIG_KEYS) if (typeof all[k] === "string" && all[k] !== "") out[k] = all[k];
  return out;
}

/** The program's context for its stack config: identical lookups in one deployment share one scan. */
function programContext(): LookupContext {
  if (injected) return injected;
  const config = programConfig();
  const key = JSON.stringify(Object.entries(config).sort());
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = createContext({ config, log: pulumiLogger });
    ctx.cache = new RequestCache(ANSWER_TTL_MS, () => ctx!.clock.now().getTime());
    contexts.set(key, ctx);
  }
  return ctx;
}

/** For tests: run the functions against an injected context. */
export function setFunctionContextForTests(ctx: LookupContext | undefined): void {
  injected = ctx;
}

/** `getX(args, opts)`: the lookup run in the program's process (or answered by the mocks under `setMocks`). */
export function invokeLookup<R>(def: AnyLookup, args: object, opts?: pulumi.InvokeOptions): Promise<R> {
  return invoke<R>(
    def,
    functionToken(def.name),
    args,
    opts,
    () => parseArgs(def, args, "function", new Date()),
    async () => (await runLookup(def, args, programContext(), { form: "function" })).outputs,
  );
}

/** `getXs(args, opts)`: every match, newest first, at most `limit`. */
export function invokeList<R>(def: AnyLookup, args: object, opts?: pulumi.InvokeOptions): Promise<R> {
  return invoke<R>(
    def,
    listFunctionToken(def.name),
    args,
    opts,
    () => parseListArgs(def, args, new Date()),
    () => listLookup(def, args, programContext()),
  );
}

/**
 * A get function: under `setMocks`, the arguments validated first (a bad argument fails a unit test the way it fails
 * a deployment), then the mocks answer through Pulumi's invoke and their failure is rethrown as the lookup's own
 * error class (mockFailures.ts); otherwise `run` in this process.
 */
async function invoke<R>(
  def: AnyLookup,
  token: string,
  args: object,
  opts: pulumi.InvokeOptions | undefined,
  validate: () => unknown,
  run: () => Promise<unknown>,
): Promise<R> {
  if (mocksAreSet()) {
    validate();
    try {
      return (await pulumi.runtime.invoke(token, args, opts)) as R;
    } catch (err) {
      throw mockFailureOf(err);
    }
  }
  warnOfProvider(def, token, opts);
  return (await run()) as R;
}

function warnOfProvider(def: AnyLookup, token: string, opts?: pulumi.InvokeOptions): void {
  if (!opts?.provider) return;
  pulumiLogger.warn(
    `${token.split(":")[2]} (${def.name}) does not use opts.provider: the lookup runs in this program and reads credentials and region from the stack config (${def.cloud === "alibaba" ? "alicloud:*" : "huaweicloud:*"}) or the environment; pass the region argument to choose a region`,
  );
}

/** Whether a result carries a download URL (then the Output is secret as a whole). */
function carriesSecret(def: AnyLookup, outputs: Record<string, unknown>): boolean {
  return secretOutputs(def).some((k) => outputs[k] !== null && outputs[k] !== undefined);
}

/** `getXOutput(args, opts)`: as `invokeLookup`, once the inputs and `dependsOn` are known. */
export function invokeLookupOutput<R>(def: AnyLookup, args: object, opts?: pulumi.InvokeOutputOptions): pulumi.Output<R> {
  return outputOf<R>(
    args,
    opts,
    (plain, o) => invokeLookup(def, plain, o),
    (r) => carriesSecret(def, r),
  );
}

/** `getXsOutput(args, opts)`: as `invokeList`, once the inputs and `dependsOn` are known. */
export function invokeListOutput<R>(def: AnyLookup, args: object, opts?: pulumi.InvokeOutputOptions): pulumi.Output<R> {
  return outputOf<R>(
    args,
    opts,
    (plain, o) => invokeList(def, plain, o),
    (r) => (r.items as Record<string, unknown>[]).some((item) => carriesSecret(def, item)),
  );
}

function outputOf<R>(
  args: object,
  opts: pulumi.InvokeOutputOptions | undefined,
  run: (plain: object, opts: pulumi.InvokeOptions) => Promise<Record<string, unknown>>,
  isSecret: (r: Record<string, unknown>) => boolean,
): pulumi.Output<R> {
  const { dependsOn, ...invokeOpts } = opts ?? {};
  return pulumi.all([pulumi.output(args as pulumi.Input<object>), settled(dependsOn)]).apply(async ([plain]) => {
    const result = await run(plain, invokeOpts);
    return isSecret(result) ? pulumi.secret(result) : pulumi.output(result);
  }) as unknown as pulumi.Output<R>;
}

/**
 * An Output known once every resource of `dependsOn` is done: a custom resource's `id`, a component's `urn` and
 * then its children's, as sdk/nodejs/runtime/dependsOn.ts `getAllTransitivelyReferencedResources` walks them
 * (`__childResources`). It carries those resources as dependencies. Hand-written because the SDK's walk is
 * internal (not exported from @pulumi/pulumi).
 */
function settled(dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<unknown> {
  if (dependsOn === undefined) return pulumi.output([]);
  const all = pulumi.output(dependsOn as pulumi.Input<unknown>) as pulumi.Output<unknown>;
  return all.apply((d) => pulumi.all((Array.isArray(d) ? d : [d]).map(done)));
}

function done(r: unknown): pulumi.Output<unknown> {
  if (!pulumi.Resource.isInstance(r)) throw new Error("dependsOn was passed a value that is not a Pulumi resource");
  if (pulumi.CustomResource.isInstance(r)) return r.id;
  return r.urn.apply(() => {
    const children = (r as unknown as { __childResources?: Set<pulumi.Resource> }).__childResources;
    return pulumi.all([...(children ?? [])].map(done));
  });
}
