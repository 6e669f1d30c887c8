/**
 * `getX(args)` (Promise) and `getXOutput(args)` (Output), for programs that want a lookup without a resource in
 * state. They run in the program's process, with the program's stack config and environment. As with Pulumi's
 * own invoke outputs, the Output is secret as a whole when it carries a download URL.
 */
import * as pulumi from "@pulumi/pulumi";
import { createContext, Logger, LookupContext } from "../core/context";
import { RequestCache } from "../core/limiter";
import { runLookup } from "../core/engine";
import { redact } from "../core/redact";
import { lookupNamed } from "../lookups";
import { CONFIG_KEYS } from "./providerImpl";

/** One context per stack configuration (the Automation API can run several stacks in one process). */
const contexts = new Map<string, LookupContext>();
let injected: LookupContext | undefined;
/** Answers are shared within a deployment, not kept across the runs of a long-lived process. */
const ANSWER_TTL_MS = 60_000;

const logger: Logger = {
  info: (m) => void pulumi.log.info(redact(m)),
  warn: (m) => void pulumi.log.warn(redact(m)),
  debug: (m) => void pulumi.log.debug(redact(m)),
};

function programConfig(): Record<string, string> {
  const out: Record<string, string> = {};
  let all: Record<string, string> = {};
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
    ctx = createContext({ config, log: logger });
    ctx.cache = new RequestCache(ANSWER_TTL_MS, () => ctx!.clock.now().getTime());
    contexts.set(key, ctx);
  }
  return ctx;
}

/** For tests: run the functions against an injected context. */
export function setFunctionContextForTests(ctx: LookupContext | undefined): void {
  injected = ctx;
}

export function makeGet<A, R>(lookup: string): (args: A) => Promise<R> {
  return async (args: A) => {
    const def = lookupNamed(lookup)!;
    const result = await runLookup(def, args, programContext(), { form: "function" });
    return result.outputs as R;
  };
}

export function makeGetOutput<A, R>(lookup: string): (args: { [K in keyof A]: pulumi.Input<A[K]> }) => pulumi.Output<R> {
  const get = makeGet<A, R>(lookup);
  return (args) =>
    pulumi.output(args as pulumi.Input<A>).apply(async (plain) => {
      const def = lookupNamed(lookup)!;
      const result = (await get(plain as A)) as Record<string, unknown>;
      const hasSecret = def.secretOutputs.some((k) => result[k] !== null && result[k] !== undefined);
      return (hasSecret ? pulumi.secret(result) : pulumi.output(result)) as unknown as pulumi.Output<R>;
    }) as unknown as pulumi.Output<R>;
}
